import {
  createMessage,
  PublicKeyEncryptedSessionKeyPacket,
  type KeyID,
  decrypt,
  encrypt,
  enums,
  readMessage,
  unarmor,
  type Message,
  type PrivateKey,
  type PublicKey,
} from 'openpgp';
import { FUTURE_SIGNATURE, verificationDate } from './limits';
import { FULL_CONFIG } from './openpgpConfig';
import { mapOpenpgpError, pgpError } from './pgpError';
import { PGP_CONFIG } from './openpgpConfig';

/**
 * Encrypt(+sign) and decrypt(+collect signatures) of raw bytes. Literal data is binary
 * (RFC 9580 §5.9, format 'b') so padding and line endings survive byte for byte and `gpg
 * --decrypt` prints exactly what we wrote. Signatures are one-pass, inside the encryption
 * (RFC 9580 §10.3), which `gpg --decrypt` verifies when it holds the signer's key.
 */
interface EncryptOptions {
  data: Uint8Array;
  encryptionKeys: PublicKey[];
  signingKeys?: PrivateKey[];
  now: Date;
  /**
   * Recipients among `encryptionKeys` whose key id is replaced by the wildcard (RFC 9580 §5.1,
   * all zeros), so the ciphertext does not name them. The key id is outside everything the
   * PKESK's cryptography binds (ECDH's KDF uses the fingerprint), so it can be blanked after.
   */
  hiddenRecipients?: PublicKey[];
}
export async function encryptBytes(options: EncryptOptions): Promise<Uint8Array>;
export async function encryptBytes(options: EncryptOptions & { armored: true }): Promise<string>;
export async function encryptBytes(
  options: EncryptOptions & { armored?: boolean },
): Promise<Uint8Array | string> {
  const message = await createMessage({ binary: options.data, format: 'binary', date: options.now });
  let encrypted: Message<Uint8Array>;
  try {
    encrypted = await encrypt({
      message,
      encryptionKeys: options.encryptionKeys,
      signingKeys: options.signingKeys ?? [],
      date: options.now,
      config: PGP_CONFIG,
      format: 'object',
    });
  } catch (error) {
    throw mapOpenpgpError(error, 'pgp/malformed-key');
  }
  const hidden = new Set(
    (options.hiddenRecipients ?? []).flatMap((key) => key.getKeyIDs().map((keyId) => keyId.toHex())),
  );
  for (const packet of encrypted.packets) {
    if (!(packet instanceof PublicKeyEncryptedSessionKeyPacket)) continue;
    // publicKeyID is public in openpgp's JavaScript but missing from its .d.ts, and KeyID is not
    // exported at run time. The packet's KeyID is the key's own object: replace, never mutate.
    const pkesk = packet as unknown as { publicKeyID: KeyID };
    if (!hidden.has(pkesk.publicKeyID.toHex())) continue;
    const wildcard = Object.create(Object.getPrototypeOf(pkesk.publicKeyID) as object) as KeyID;
    wildcard.bytes = '\0'.repeat(8);
    pkesk.publicKeyID = wildcard;
  }
  return options.armored ? encrypted.armor(FULL_CONFIG) : (encrypted.write() as Uint8Array);
}

export interface SignatureCheck {
  /** 16 upper-case hex digits of the issuer key id (RFC 9580 §5.2.3.12). */
  keyId: string;
  outcome: 'valid' | 'invalid' | 'no-key' | 'key-revoked' | 'key-expired' | 'future';
  /** The signature's creation time (RFC 9580 §5.2.3.11), when its packet could be read. */
  createdAt: Date | null;
}

export interface DecryptedBytes {
  data: Uint8Array;
  signatures: SignatureCheck[];
}

export async function readArmoredMessage(armored: string): Promise<Message<Uint8Array>> {
  try {
    // The type parameter names the stream type of the armored input; the message is always
    // decrypted with format 'binary', so callers treat its data as bytes.
    return (await readMessage({
      armoredMessage: armored,
      config: PGP_CONFIG,
    })) as unknown as Message<Uint8Array>;
  } catch (error) {
    throw mapOpenpgpError(error, 'pgp/malformed-armor');
  }
}

/**
 * The packet bytes of an armored message, its armor decoded and checked once. openpgp's decrypt
 * consumes the Message it is given (it drops the encrypted packets, even when the key was wrong),
 * so code that tries key after key reads each try's Message from these bytes (readBinaryMessage)
 * instead of decoding the armor again. Same checks and errors as readArmoredMessage.
 */
export async function dearmorMessage(armored: string): Promise<Uint8Array> {
  try {
    const { type, data } = await unarmor(armored);
    if (type !== enums.armor.message) throw new Error('Armored text not of type message');
    // openpgp reads a string's armor to its end: the data is bytes, never a stream here.
    if (!(data instanceof Uint8Array)) throw new Error('Misformed armored text');
    return data;
  } catch (error) {
    throw mapOpenpgpError(error, 'pgp/malformed-armor');
  }
}

export async function readBinaryMessage(binary: Uint8Array): Promise<Message<Uint8Array>> {
  try {
    return await readMessage({ binaryMessage: binary, config: PGP_CONFIG });
  } catch (error) {
    throw mapOpenpgpError(error, 'pgp/malformed-armor');
  }
}

/** Key ids (16 upper-case hex) the message is encrypted to (RFC 9580 §5.1 PKESK packets). */
export function recipientKeyIds(message: Message<Uint8Array>): string[] {
  return message.getEncryptionKeyIDs().map((id) => id.toHex().toUpperCase());
}

/** The key id of a wildcard ("anonymous") recipient, RFC 9580 §5.1: all zeros. */
export const WILDCARD_KEY_ID = '0000000000000000';

/** Whether `key` may open the message: named as a recipient, or any wildcard recipient present. */
export function mayBeFor(message: Message<Uint8Array>, key: PublicKey | PrivateKey): boolean {
  const recipients = new Set(recipientKeyIds(message));
  if (recipients.has(WILDCARD_KEY_ID)) return true;
  return key.getKeyIDs().some((keyId) => recipients.has(keyId.toHex().toUpperCase()));
}

/**
 * Decrypts and checks every signature against `verificationKeys`. A signature whose key we do
 * not hold is reported as 'no-key', never as valid. Decryption failures map to specific codes.
 */
export async function decryptBytes(options: {
  message: Message<Uint8Array>;
  decryptionKeys: PrivateKey[];
  verificationKeys: PublicKey[];
  now: Date;
}): Promise<DecryptedBytes> {
  if (options.decryptionKeys.length === 0) throw pgpError('pgp/not-for-you');
  let result: { data: Uint8Array; signatures: Awaited<ReturnType<typeof decrypt>>['signatures'] };
  try {
    result = await decrypt({
      message: options.message,
      decryptionKeys: options.decryptionKeys,
      verificationKeys: options.verificationKeys,
      // A team's clock minutes ahead is not a forgery: signatures are checked at now + skew.
      date: verificationDate(options.now),
      format: 'binary',
      config: PGP_CONFIG,
    });
  } catch (error) {
    throw mapOpenpgpError(error, 'pgp/message-corrupted');
  }
  const signatures: SignatureCheck[] = [];
  for (const signature of result.signatures) {
    const keyId = signature.keyID.toHex().toUpperCase();
    const createdAt = await signature.signature
      .then((parsed) => parsed.packets[0]?.created ?? null)
      .catch(() => null);
    try {
      await signature.verified;
      signatures.push({ keyId, outcome: 'valid', createdAt });
    } catch (error) {
      const message = error instanceof Error ? error.message : '';
      let outcome: SignatureCheck['outcome'] = 'invalid';
      if (/Could not find signing key/i.test(message)) outcome = 'no-key';
      else if (FUTURE_SIGNATURE.test(message)) outcome = 'future';
      else if (/revoked/i.test(message)) outcome = 'key-revoked';
      else if (/expired/i.test(message)) outcome = 'key-expired';
      signatures.push({ keyId, outcome, createdAt });
    }
  }
  return { data: result.data, signatures };
}
