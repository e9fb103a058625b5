import { TikhoError } from '../../../shared/errors';
import { GCM_NONCE_BYTES } from './formatConstants';
import { COPY_NONCE_BYTES, HEADER_COPY_BYTES, encodeCopy, type HeaderState } from './headerV2';
import { overwriteCopy, type CopyIndex } from './inPlaceFile';
import type { deriveKek } from './keyDerivation';
import { toWriteError } from './writeError';
import { type FileSystem } from '../common';

/** What every part of one header file shares (headerFile.ts wires them). */
export interface HeaderFileContext {
  readonly fs: FileSystem;
  readonly dir: string;
  /** The format-2 file of two copies (`index.bin`). */
  readonly path: string;
  /** The format-1 `vault.header`, read for migration and wiped once converted. */
  readonly legacyPath: string;
  readonly random: (n: number) => Buffer;
  readonly derive: typeof deriveKek;
  /**
   * Set by destroy() before it overwrites anything; a header write in flight is awaited first, so
   * no authentic copy can land after the random bytes (and survive in the unlinked blocks).
   */
  destroying: boolean;
  inFlight: Promise<unknown>;
}

export const otherCopy = (i: CopyIndex): CopyIndex => (i === 0 ? 1 : 0);

/** One sealed copy with fresh randomness: the copy nonce first, then the GCM nonce. */
export const encodeFresh = (
  ctx: HeaderFileContext,
  state: HeaderState,
  key: Buffer,
  index: CopyIndex,
): Buffer => encodeCopy(state, key, index, ctx.random(COPY_NONCE_BYTES), ctx.random(GCM_NONCE_BYTES));

/** Overwrites copy `index` in place; refused once destroy() has begun. */
export async function putCopy(
  ctx: HeaderFileContext,
  index: CopyIndex,
  state: HeaderState,
  key: Buffer,
): Promise<void> {
  if (ctx.destroying) throw new TikhoError('vault/locked');
  const write = overwriteCopy(
    ctx.fs,
    ctx.path,
    HEADER_COPY_BYTES,
    index,
    encodeFresh(ctx, state, key, index),
  );
  ctx.inFlight = write.catch(() => undefined);
  await write.catch((err: unknown) => {
    // A panic that overtook this write (the file already overwritten and unlinked) is a lock.
    throw ctx.destroying ? new TikhoError('vault/locked') : toWriteError(err);
  });
}
