import { createHmac, hkdfSync } from 'node:crypto';
import argon2 from 'argon2';
import { KEY_BYTES } from './formatConstants';
import type { KdfParams } from './kdfParams';

/**
 * Passphrases are NFC-normalised before hashing so the same words typed through different input
 * methods (precomposed "й" vs "и" + U+0306) give the same key.
 */
export function passphraseBytes(passphrase: string): Buffer {
  return Buffer.from(passphrase.normalize('NFC'), 'utf8');
}

/** Argon2id (RFC 9106) over the one header salt → 32-byte key-encryption key. */
export async function deriveKek(passphrase: string, salt: Buffer, params: KdfParams): Promise<Buffer> {
  const password = passphraseBytes(passphrase);
  try {
    return await argon2.hash(password, {
      type: argon2.argon2id,
      version: 0x13,
      memoryCost: params.memoryKiB,
      timeCost: params.iterations,
      parallelism: params.parallelism,
      salt,
      hashLength: KEY_BYTES,
      raw: true,
    });
  } finally {
    password.fill(0);
  }
}

/** Length-prefixed concatenation so ("ab","c") and ("a","bc") never give the same info string. */
export function encodeParts(parts: ReadonlyArray<string | Uint8Array>): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : Buffer.from(part);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(bytes.length);
    chunks.push(len, bytes);
  }
  return Buffer.concat(chunks);
}

/** HKDF-SHA256 (RFC 5869) with an empty salt: the master key is already uniformly random (§3.1). */
export function hkdf(master: Buffer, info: Buffer, length = KEY_BYTES): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), info, length));
}

/** HKDF-Extract with the empty salt (RFC 5869 §2.2: salt = HashLen zero bytes): PRK = HMAC(0³², master). */
export function hkdfExtract(master: Buffer): Buffer {
  return createHmac('sha256', Buffer.alloc(32)).update(master).digest();
}

/**
 * HKDF-Expand for one 32-byte block (RFC 5869 §2.3: T(1) = HMAC(PRK, info || 0x01)). Same bytes as
 * hkdf(); exists because unlock derives one key per record (10 000 at a time) and hkdfSync re-runs
 * Extract and a libuv job setup on every call (~3× the cost of one HMAC).
 */
export function hkdfExpand32(prk: Buffer, info: Buffer): Buffer {
  return createHmac('sha256', prk).update(info).update(ONE).digest();
}
const ONE = Buffer.from([1]);

export interface VaultSubkeys {
  /** HMAC key that turns (collection, id) into a file name. */
  fileNames: Buffer;
  /** AES-256-GCM key of the revision manifest. */
  manifest: Buffer;
  /** HKDF PRK of the master key, kept so per-record keys cost one HMAC each. */
  prk: Buffer;
}

export function deriveSubkeys(master: Buffer, vaultId: Buffer): VaultSubkeys {
  return {
    fileNames: hkdf(master, encodeParts(['tikho/v1/file-names', vaultId])),
    manifest: hkdf(master, encodeParts(['tikho/v1/manifest', vaultId])),
    prk: hkdfExtract(master),
  };
}

/** Per-record key: HKDF(master, info = label || vault id || collection || record id). */
export function deriveRecordKey(master: Buffer, vaultId: Buffer, collection: string, id: string): Buffer {
  return hkdf(master, encodeParts(['tikho/v1/record', vaultId, collection, id]));
}

/** deriveRecordKey from the session's cached PRK: the same key, one HMAC. */
export function deriveRecordKeyFromPrk(prk: Buffer, vaultId: Buffer, collection: string, id: string): Buffer {
  return hkdfExpand32(prk, encodeParts(['tikho/v1/record', vaultId, collection, id]));
}

/** Per-attachment-file key; the random file salt makes every re-encryption use a fresh key. */
export function deriveAttachmentKey(
  master: Buffer,
  vaultId: Buffer,
  attachmentId: string,
  fileSalt: Buffer,
): Buffer {
  return hkdf(master, encodeParts(['tikho/v1/attachment', vaultId, attachmentId, fileSalt]));
}

/** File names hide collection and id: HMAC-SHA256(file-name key, collection || id), hex. */
export function recordFileName(fileNamesKey: Buffer, collection: string, id: string): string {
  return createHmac('sha256', fileNamesKey)
    .update(encodeParts([collection, id]))
    .digest('hex');
}
