import { TikhoError } from '../../../shared/errors';
import type { HeaderFileContext } from './headerCopyWrite';
import type { HeaderSources } from './headerFile';
import { HEADER_COPY_BYTES, unmaskCopy, type CopyCandidate } from './headerV2';
import { decodeHeader, type VaultHeader } from './vaultHeader';
import { readIfExists } from '../common';

/** Reading the header files as they are on disk, before any passphrase: nothing is chosen yet. */

export async function headerExists(ctx: HeaderFileContext): Promise<boolean> {
  for (const p of [ctx.path, ctx.legacyPath]) if ((await readIfExists(ctx.fs, p)) !== null) return true;
  return false;
}

export async function readHeaderSources(ctx: HeaderFileContext): Promise<HeaderSources> {
  const whole = await readIfExists(ctx.fs, ctx.path);
  const legacyBytes = await readIfExists(ctx.fs, ctx.legacyPath);
  if (!whole && !legacyBytes) throw new TikhoError('vault/not-found');
  const copies: CopyCandidate[] = [];
  if (whole?.length === 2 * HEADER_COPY_BYTES) {
    for (const index of [0, 1] as const) {
      const bytes = whole.subarray(index * HEADER_COPY_BYTES, (index + 1) * HEADER_COPY_BYTES);
      const c = unmaskCopy(Buffer.from(bytes), index);
      if (c) copies.push(c);
    }
  }
  let legacy: VaultHeader | null = null;
  if (legacyBytes) {
    try {
      legacy = decodeHeader(legacyBytes);
    } catch (err) {
      // A format-1 file next to a readable format-2 one is a migration's leftover: ignored.
      if (copies.length === 0) throw err;
    }
  }
  if (copies.length === 0 && !legacy) throw new TikhoError('vault/header-corrupt');
  return { copies, legacy, legacyPresent: legacyBytes !== null };
}
