import type { ErrorCode } from '../../../shared/errorCodes';
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { TikhoError } from '../../../shared/errors';
import { ATTACHMENT_CHUNK_BYTES, BACKUP_CHUNK_BYTES, GCM_TAG_BYTES } from './formatConstants';

/**
 * STREAM construction (Hoang, Reyhanitabar, Rogaway, Vizár, "Online Authenticated-Encryption and
 * its Nonce-Reuse Misuse-Resistance", CRYPTO 2015 §7) over AES-256-GCM:
 *   nonce(i) = prefix (7 B) || i (u32 BE) || final flag (1 B)
 * Each chunk (ATTACHMENT_CHUNK_BYTES or BACKUP_CHUNK_BYTES of plaintext, the last one shorter) is sealed on its own. The index in the
 * nonce detects reordering; the final flag detects truncation at a chunk boundary and extension.
 * The key is unique per file (random file salt), so the counter nonces never repeat under a key.
 */
export const NONCE_PREFIX_BYTES = 7;
export const SEALED_CHUNK_BYTES = ATTACHMENT_CHUNK_BYTES + GCM_TAG_BYTES;
export const BACKUP_SEALED_CHUNK_BYTES = BACKUP_CHUNK_BYTES + GCM_TAG_BYTES;

export function chunkNonce(prefix: Buffer, index: number, final: boolean): Buffer {
  const n = Buffer.alloc(12);
  prefix.copy(n, 0, 0, NONCE_PREFIX_BYTES);
  n.writeUInt32BE(index, 7);
  n.writeUInt8(final ? 1 : 0, 11);
  return n;
}

export function sealChunk(
  key: Buffer,
  prefix: Buffer,
  index: number,
  final: boolean,
  aad: Buffer,
  plain: Uint8Array,
): Buffer {
  const c = createCipheriv('aes-256-gcm', key, chunkNonce(prefix, index, final), {
    authTagLength: GCM_TAG_BYTES,
  });
  c.setAAD(aad);
  const body = c.update(plain);
  c.final();
  return Buffer.concat([body, c.getAuthTag()]);
}

export function openChunk(
  key: Buffer,
  prefix: Buffer,
  index: number,
  final: boolean,
  aad: Buffer,
  sealed: Buffer,
  errorCode: ErrorCode,
): Buffer {
  if (sealed.length < GCM_TAG_BYTES) throw new TikhoError(errorCode);
  try {
    const d = createDecipheriv('aes-256-gcm', key, chunkNonce(prefix, index, final), {
      authTagLength: GCM_TAG_BYTES,
    });
    d.setAAD(aad);
    d.setAuthTag(sealed.subarray(sealed.length - GCM_TAG_BYTES));
    const out = d.update(sealed.subarray(0, sealed.length - GCM_TAG_BYTES));
    d.final();
    return out;
  } catch {
    throw new TikhoError(errorCode);
  }
}

/**
 * Regroups an arbitrary byte stream into fixed-size chunks and yields each with a final flag.
 * Always yields at least one chunk (an empty final one for an empty stream).
 */
export async function* fixedChunks(
  source: AsyncIterable<Uint8Array>,
  size = ATTACHMENT_CHUNK_BYTES,
): AsyncGenerator<{ chunk: Buffer; final: boolean }> {
  let pending: Buffer | null = null;
  let fill = Buffer.alloc(size);
  let used = 0;
  for await (const piece of source) {
    let offset = 0;
    while (offset < piece.length) {
      const take = Math.min(size - used, piece.length - offset);
      fill.set(piece.subarray(offset, offset + take), used);
      used += take;
      offset += take;
      if (used === size) {
        if (pending) yield { chunk: pending, final: false };
        pending = fill;
        fill = Buffer.alloc(size);
        used = 0;
      }
    }
  }
  if (used > 0) {
    if (pending) yield { chunk: pending, final: false };
    yield { chunk: fill.subarray(0, used), final: true };
  } else if (pending) {
    yield { chunk: pending, final: true };
  } else {
    yield { chunk: Buffer.alloc(0), final: true };
  }
}
