import { config, enums, type Config, type PartialConfig } from 'openpgp';

/**
 * The one openpgp configuration every call in this service passes explicitly. openpgp's global
 * `config` object is module-level mutable state shared with any other user of the library, so we
 * never touch it.
 *
 * - aeadProtect false: messages stay SEIPDv1 (RFC 9580 §5.13.1, "Version 1 Symmetrically
 *   Encrypted and Integrity Protected Data"), which GnuPG 2.2 reads; SEIPDv2/AEAD it does not.
 * - v6Keys false: keys are v4 (RFC 4880 §5.5.2) so GnuPG 2.2 imports them.
 * - uncompressed: compression would undo the size-bucket padding and invites decompression
 *   bombs; RFC 9580 §9.4 lets a sender choose "Uncompressed".
 * - maxDecompressedMessageSize bounds what a hostile compressed reply can expand to.
 */
export const PGP_CONFIG: PartialConfig = {
  aeadProtect: false,
  v6Keys: false,
  preferredCompressionAlgorithm: enums.compression.uncompressed,
  preferredHashAlgorithm: enums.hash.sha512,
  preferredSymmetricAlgorithm: enums.symmetric.aes256,
  allowUnauthenticatedMessages: false,
  maxDecompressedMessageSize: 16 * 1024 * 1024,
  showVersion: false,
  showComment: false,
};

/** Legacy Curve25519 (EdDSA + ECDH, RFC 4880bis / RFC 9580 §9.2 "legacy"): read by GnuPG 2.2. */
export const KEY_TYPE = { type: 'ecc', curve: 'curve25519Legacy' } as const;

/** For openpgp's lower-level calls, which take a full config: its defaults under our choices. */
export const FULL_CONFIG: Config = { ...config, ...PGP_CONFIG };
