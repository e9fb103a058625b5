import {
  decryptKey,
  generateKey,
  readKey,
  readPrivateKey,
  revokeKey,
  type PrivateKey,
  type PublicKey,
} from 'openpgp';
import { extractArmoredBlock } from './armoredInput';
import { normalizeFingerprint } from './fingerprint';
import { keyValidity, type KeyValidity } from './keyValidity';
import { MAX_ARMORED_KEY_CHARS } from './limits';
import { KEY_TYPE, PGP_CONFIG } from './openpgpConfig';
import { assertNoSecretKeyPackets } from './packetScan';
import { mapOpenpgpError, pgpError } from './pgpError';

/**
 * Pure key operations over openpgp, no storage. Keys are v4 legacy Curve25519 so GnuPG 2.2 reads
 * them; secret keys are kept unencrypted (no S2K passphrase) because the vault encrypts them.
 */

/** A user id that names nobody and nothing (not even the app) unless the user picks a pseudonym. */
export const NEUTRAL_USER_ID = 'Anonymous';

export interface GeneratedKey {
  privateKey: PrivateKey;
  armoredSecret: string;
  armoredPublic: string;
  revocationCertificate: string;
  fingerprint: string;
}

export async function generateLegacyCurve25519Key(options: {
  name?: string;
  now: Date;
}): Promise<GeneratedKey> {
  const name = (options.name ?? '').trim() || NEUTRAL_USER_ID;
  const generated = await generateKey({
    ...KEY_TYPE,
    userIDs: [{ name }],
    date: options.now,
    format: 'object',
    config: PGP_CONFIG,
  });
  return {
    privateKey: generated.privateKey,
    armoredSecret: generated.privateKey.armor(),
    armoredPublic: generated.publicKey.armor(),
    revocationCertificate: generated.revocationCertificate,
    fingerprint: normalizeFingerprint(generated.privateKey.getFingerprint()),
  };
}

/** Parses an armored public key (a secret key is refused: it must never land where publics go). */
export async function readArmoredPublicKey(input: unknown): Promise<PublicKey> {
  const block = extractArmoredBlock(input, ['public-key'], MAX_ARMORED_KEY_CHARS);
  await assertNoSecretKeyPackets(block);
  let key: PublicKey;
  try {
    key = await readKey({ armoredKey: block, config: PGP_CONFIG });
  } catch (error) {
    throw mapOpenpgpError(error, 'pgp/malformed-key');
  }
  if (key.isPrivate()) throw pgpError('pgp/secret-key-in-public-block');
  assertV4(key);
  return key;
}

/**
 * v6 keys (RFC 9580 §5.5.2.3) are refused by name: GnuPG 2.2, which most teams and Tikho's own
 * requests rely on, cannot read them, so a request to a v6 key could not be answered by a team
 * whose members use GnuPG. The team can publish a v4 key (e.g. `gpg --quick-gen-key`) instead.
 */
function assertV4(key: PublicKey | PrivateKey): void {
  const versions = [key.keyPacket.version, ...key.getSubkeys().map((subkey) => subkey.keyPacket.version)];
  const other = versions.find((version) => version !== 4);
  if (other !== undefined) throw pgpError('pgp/unsupported-key-version', { version: other });
}

/**
 * Parses an armored secret key for import as the user's own key. A passphrase-protected key
 * (e.g. from `gpg --export-secret-keys`) is unlocked with the given passphrase and kept unlocked:
 * from then on the vault is its protection.
 */
export async function readArmoredSecretKey(input: unknown, passphrase?: string): Promise<PrivateKey> {
  const block = extractArmoredBlock(input, ['private-key', 'public-key'], MAX_ARMORED_KEY_CHARS);
  if (!block.startsWith('-----BEGIN PGP PRIVATE KEY BLOCK-----')) throw pgpError('pgp/not-a-secret-key');
  let key: PrivateKey;
  try {
    key = await readPrivateKey({ armoredKey: block, config: PGP_CONFIG });
  } catch (error) {
    throw mapOpenpgpError(error, 'pgp/malformed-key');
  }
  assertV4(key);
  if (key.isDecrypted()) return key;
  if (passphrase === undefined || passphrase === '') throw pgpError('pgp/key-locked');
  try {
    return await decryptKey({ privateKey: key, passphrase, config: PGP_CONFIG });
  } catch {
    throw pgpError('pgp/bad-passphrase');
  }
}

export interface KeyInfo {
  fingerprint: string;
  keyId: string;
  userIds: string[];
  algorithm: string;
  createdAt: string;
  expiresAt: string | null;
  validity: KeyValidity;
  isSecret: boolean;
}

export async function describeKey(key: PublicKey, now: Date): Promise<KeyInfo> {
  const expires = await key.getExpirationTime();
  const info = key.getAlgorithmInfo();
  return {
    fingerprint: normalizeFingerprint(key.getFingerprint()),
    keyId: key.getKeyID().toHex().toUpperCase(),
    userIds: key.getUserIDs(),
    algorithm: info.curve ? `${info.algorithm}/${info.curve}` : info.algorithm,
    createdAt: key.getCreationTime().toISOString(),
    expiresAt: expires instanceof Date ? expires.toISOString() : null,
    validity: await keyValidity(key, now),
    isSecret: key.isPrivate(),
  };
}

/** A revoked copy of the public key, to hand to the team so they stop using it (RFC 9580 §5.2.1). */
export async function revokedPublicKey(
  privateKey: PrivateKey,
  revocationCertificate: string | null,
  now: Date,
): Promise<string> {
  if (revocationCertificate) {
    const revoked = await revokeKey({
      key: privateKey.toPublic(),
      revocationCertificate,
      date: now,
      format: 'armored',
      config: PGP_CONFIG,
    });
    return revoked.publicKey;
  }
  const revoked = await revokeKey({
    key: privateKey,
    reasonForRevocation: { flag: 0, string: '' },
    date: now,
    format: 'object',
    config: PGP_CONFIG,
  });
  return revoked.publicKey.armor();
}
