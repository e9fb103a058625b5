import { isTikhoError } from '../../../shared/errors';
import { DECOY_NOTE_KEYS } from '../../../shared/ipc/panic';
import type { PanicCore } from './panicCore';
import { readConfig } from './panicConfig';
import { panicError } from './panicErrors';
import { updateConfig } from './panicSettings';
import { buildFiller, buildSpare, spareReady, type DecoyNote } from './spareFolder';

/**
 * The decoy must pass for the notebook a person has used since they installed Tikho: its notes
 * are spread over the real notebook's age and were edited after they were written (never all
 * stamped with the minute of set-up), its recovery-code state is the real one's, and choosing a
 * decoy makes it the end state, so the duress passphrase opens a notebook instead of blanking
 * the window in front of whoever forced the unlock (docs/panic.md §Duress passphrase and decoy).
 */
export async function buildDecoy(
  core: PanicCore,
  duressPassphrase: string,
  notes: DecoyNote[],
): Promise<void> {
  try {
    await core.spareQueue.run(() => buildSpare(core.spare, { passphrase: duressPassphrase }, notes));
  } catch (err) {
    core.logger?.warn('panic: decoy set-up failed', { code: isTikhoError(err) ? err.code : 'io' });
    throw panicError('panic/decoy-failed');
  }
  await updateConfig(core, { endState: 'decoy', decoyPrepared: true });
}

/** Swaps a new filler in for whatever spare/ holds (a removed decoy); a failure is retried at the next unlock. */
export async function replaceWithFiller(core: PanicCore): Promise<void> {
  try {
    await core.spareQueue.run(() => buildFiller(core.spare, DECOY_NOTE_KEYS.length));
  } catch (err) {
    core.logger?.warn('panic: filler not built', { code: isTikhoError(err) ? err.code : 'io' });
  }
}

/**
 * Gives spare/ its filler when it has none (a new vault, an upgraded one, the decoy just opened
 * after a duress wipe, a build a kill interrupted).
 */
async function ensureSpare(core: PanicCore): Promise<void> {
  const { vault } = core;
  await core.runs.current()?.catch(() => undefined);
  if (!vault.isUnlocked()) return;
  const config = await readConfig(vault.records);
  const present = await spareReady(core.fs, core.dataDir);
  // Before fillers, spare/ only ever held a prepared decoy. Written in every vault, so whether a
  // config record exists says nothing either (a restore still counts the vault as empty:
  // vault/collections.ts SET_UP_COLLECTIONS).
  if (config.decoyPrepared === null) await updateConfig(core, { decoyPrepared: present });
  if (!present) await buildFiller(core.spare, DECOY_NOTE_KEYS.length);
}

/** Runs ensureSpare behind whatever asked for it: nothing on screen waits for it. */
export function scheduleSpare(core: PanicCore): void {
  if (core.options.practice === true) return;
  core.spareWork = core.spareQueue
    .run(() => ensureSpare(core))
    .catch((err: unknown) => {
      core.logger?.warn('panic: spare folder not built', { code: isTikhoError(err) ? err.code : 'io' });
    });
}

/**
 * A backup restored into this vault brought the panic set-up of the notebook it was made from,
 * but not its decoy: a backup holds no duress slot and no spare/. The decoy is forgotten and a
 * decoy end state becomes "close", so a wipe never moves this folder's filler into place.
 */
export async function forgetRestoredDecoy(core: PanicCore): Promise<void> {
  const config = await readConfig(core.vault.records);
  await updateConfig(core, {
    decoyPrepared: false,
    ...(config.endState === 'decoy' ? { endState: 'quit' } : {}),
  });
}
