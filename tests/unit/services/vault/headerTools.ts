import { createHash } from 'node:crypto';
import type { KdfParams } from '../../../../electron/services/vault/kdfParams';

/**
 * An independent reading of the format-2 header layout (docs/vault-format.md §Header, version 2),
 * written from the document, not imported from the code, so the tests check the two agree.
 */
export const COPY_BYTES = 408;
export const NONCE = 32;
export const MASKED = 300;
export const KDF_AT = 32; // inside the unmasked block: vault id 16 | salt 16 | m | t | p

function lp(b: Uint8Array): Buffer {
  const l = Buffer.alloc(4);
  l.writeUInt32BE(b.length);
  return Buffer.concat([l, b]);
}

export function headerMask(copyNonce: Uint8Array): Buffer {
  return createHash('shake256', { outputLength: MASKED })
    .update(Buffer.concat([lp(Buffer.from('tikho/v2/header-mask')), lp(copyNonce)]))
    .digest();
}

/** Copy `index` of a header file with its masked block undone: vault id, salt, params, slots. */
export function unmasked(file: Buffer, index: 0 | 1): Buffer {
  const copy = file.subarray(index * COPY_BYTES, (index + 1) * COPY_BYTES);
  const mask = headerMask(copy.subarray(0, NONCE));
  const out = Buffer.from(copy.subarray(NONCE, NONCE + MASKED));
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) ^ (mask[i] ?? 0);
  return out;
}

/** Both copies with their KDF parameters changed and the mask re-applied (the body then fails). */
export function rewriteKdf(file: Buffer, patch: Partial<KdfParams>): Buffer {
  const out = Buffer.from(file);
  for (const index of [0, 1] as const) {
    const base = index * COPY_BYTES;
    const plain = unmasked(out, index);
    if (patch.memoryKiB !== undefined) plain.writeUInt32BE(patch.memoryKiB, KDF_AT);
    if (patch.iterations !== undefined) plain.writeUInt32BE(patch.iterations, KDF_AT + 4);
    if (patch.parallelism !== undefined) plain.writeUInt32BE(patch.parallelism, KDF_AT + 8);
    const mask = headerMask(out.subarray(base, base + NONCE));
    for (let i = 0; i < MASKED; i++) out[base + NONCE + i] = (plain[i] ?? 0) ^ (mask[i] ?? 0);
  }
  return out;
}
