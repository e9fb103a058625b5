import type { LiveHeader } from './headerFile';
import { otherCopy, encodeFresh, putCopy, type HeaderFileContext } from './headerCopyWrite';
import { HEADER_COPY_BYTES, type HeaderState } from './headerV2';
import { createInPlaceFile } from './inPlaceFile';
import { toWriteError } from './writeError';

/**
 * The A/B writes of a format-2 header (the order is in headerFile.ts and docs/vault-format.md):
 * a new file, a change written to both copies, and the repair of a copy left out of step.
 */

export async function createHeader(
  ctx: HeaderFileContext,
  state: HeaderState,
  headerKey: Buffer,
): Promise<LiveHeader> {
  // A new vault after a destroy (panic with a fresh start, then the first run again).
  ctx.destroying = false;
  try {
    await createInPlaceFile(
      ctx.fs,
      ctx.path,
      HEADER_COPY_BYTES,
      encodeFresh(ctx, { ...state, generation: 1n }, headerKey, 0),
    );
  } catch (err) {
    throw toWriteError(err);
  }
  await putCopy(ctx, 1, { ...state, generation: 2n }, headerKey);
  return { state: { ...state, generation: 2n }, headerKey, newest: 1, otherInStep: true };
}

export async function writeHeader(
  ctx: HeaderFileContext,
  live: LiveHeader,
  next: Omit<HeaderState, 'generation'>,
  headerKey: Buffer,
): Promise<void> {
  // 2k+1 to the older copy, then 2k+2 to the newest (see headerFile.ts).
  const odd = live.state.generation + (live.state.generation % 2n === 0n ? 1n : 2n);
  await putCopy(ctx, otherCopy(live.newest), { ...next, generation: odd }, headerKey);
  try {
    await putCopy(ctx, live.newest, { ...next, generation: odd + 1n }, headerKey);
  } catch (err) {
    live.state = { ...next, generation: odd };
    live.headerKey = headerKey;
    live.newest = otherCopy(live.newest);
    live.otherInStep = false;
    throw err;
  }
  live.state = { ...next, generation: odd + 1n };
  live.headerKey = headerKey;
  live.otherInStep = true;
}

export async function bringInStep(ctx: HeaderFileContext, live: LiveHeader): Promise<void> {
  if (live.otherInStep) return;
  // Killed between a change's two writes (odd newest: the other copy still holds the old
  // state), or a torn write left the other copy unreadable: bring it up to the newest state,
  // as the newer copy with the next even generation.
  const gen = live.state.generation;
  const even = gen + (gen % 2n === 1n ? 1n : 2n);
  await putCopy(ctx, otherCopy(live.newest), { ...live.state, generation: even }, live.headerKey);
  live.state = { ...live.state, generation: even };
  live.newest = otherCopy(live.newest);
  live.otherInStep = true;
}
