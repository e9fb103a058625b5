import { join } from 'node:path';
import type { HeaderFileContext } from './headerCopyWrite';
import { TEMP_PREFIX } from './formatConstants';
import { wipeInPlaceFile } from './inPlaceFile';
import { toWriteError } from './writeError';

/** Header bytes that must not survive: a converted format-1 file, a killed write's temp, a panic. */

/**
 * Runs only inside unlock, before a session exists, so no write of this process is in flight;
 * a temp file here is a killed create's (header, manifest): overwritten in place, unlinked.
 */
export async function wipeStaleTemps(ctx: HeaderFileContext): Promise<void> {
  const names = await ctx.fs.readdir(ctx.dir).catch(() => []);
  for (const name of names)
    if (name.startsWith(TEMP_PREFIX))
      await wipeInPlaceFile(ctx.fs, join(ctx.dir, name)).catch((err: unknown) => {
        throw toWriteError(err);
      });
}

export async function wipeLegacy(ctx: HeaderFileContext): Promise<void> {
  await wipeInPlaceFile(ctx.fs, ctx.legacyPath).catch((err: unknown) => {
    throw toWriteError(err);
  });
}

/** Both copies overwritten with random bytes, then unlinked; the format-1 file too. */
export async function destroyHeaders(ctx: HeaderFileContext): Promise<void> {
  ctx.destroying = true;
  await ctx.inFlight;
  // Each file on its own: a failure on one (EROFS) must not spare the other.
  const results = await Promise.allSettled([wipeInPlaceFile(ctx.fs, ctx.path), wipeLegacy(ctx)]);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw toWriteError(failed.reason);
}
