import { isTikhoError } from '../../../shared/errors';
import { type PanicCore } from './panicCore';
import { DEFAULT_CONFIG, readConfig } from './panicConfig';
import { runOnce } from './panicRuns';
import type { EndState, GuardedUnlockResult } from './panicTypes';
import { scheduleSpare } from './spareUpkeep';
import type { GuardState } from './unlockGuard';

/**
 * The lock screen's only unlock: counts the attempt first, then runs the duress and failed-unlock
 * wipes silently. Every outcome is padded to about twice the vault unlock time, so a duress
 * unlock (a second Argon2id for the decoy) takes as long as a normal one.
 */
export async function guardedUnlock(core: PanicCore, passphrase: string): Promise<GuardedUnlockResult> {
  const { vault, mirror, now } = core;
  await core.runs.current()?.catch(() => undefined);
  // A lock (button, shortcut, idle, suspend, screen lock) from here on cancels this unlock and
  // the decoy unlock after a duress one, so a lid closed mid-unlock never leaves a vault open.
  const lockSeen = vault.lockEpoch;
  const t0 = now();
  const { prefix, guard } = await mirror.load();
  // Count the attempt BEFORE trying, durably: killing the app mid-attempt cannot dodge the limit.
  const counted: GuardState = { ...guard, failedCount: guard.failedCount + 1 };
  await mirror.save(prefix, counted);
  const u0 = now();
  let result;
  try {
    result = await vault.unlock(passphrase, { lockEpoch: lockSeen });
  } catch (err) {
    // No vault (a finished wipe, or never created): the only honest screen is the first run.
    if (isTikhoError(err) && err.code === 'vault/not-found') return { ok: false, next: 'first-run' };
    throw err;
  }
  const unlockMs = now() - u0;
  // What a normal unlock costs with the second Argon2id a decoy unlock needs (see equaliseUnlockTiming).
  const pad = (): Promise<void> => padTo(core, t0, u0 - t0 + 2 * unlockMs);

  if (!result.ok && result.cancelled) {
    // The passphrase was right: the attempt must not count towards the failed-unlock wipe.
    await mirror.save(prefix, guard);
    return { ok: false, next: 'lock' };
  }
  if (!result.ok) {
    const outcome = await failedAttempt(core, counted);
    await pad();
    return outcome;
  }
  if (result.role === 'duress') {
    const outcome = await duressUnlock(core, passphrase, guard.endState, lockSeen);
    await pad();
    return outcome;
  }

  const config = await readConfig(vault.records).catch(() => ({ ...DEFAULT_CONFIG }));
  mirror.cachedEndState = config.endState;
  // Re-read: the unlock may have rewritten the header (a format-1 conversion, a finished change).
  await mirror.save((await mirror.headerPrefix()) ?? prefix, mirror.of(config));
  scheduleSpare(core);
  await pad();
  return { ok: true, role: result.role };
}

async function padTo(core: PanicCore, started: number, target: number): Promise<void> {
  if (!core.equaliseUnlockTiming) return;
  const wait = target - (core.now() - started);
  if (wait > 0) await core.sleep(wait);
}

/** A wrong passphrase: the wipe when the limit is reached, else back to the lock screen. */
async function failedAttempt(core: PanicCore, counted: GuardState): Promise<GuardedUnlockResult> {
  const limit = counted.failedUnlockLimit;
  if (limit === null || counted.failedCount < limit) return { ok: false, next: 'lock' };
  const report = await runOnce(core, 'failed-unlock', counted.endState, {
    ports: { ...core.ports, showEndState: undefined },
  });
  if (report.endState === 'quit') return { ok: false, next: 'quit' };
  return { ok: false, next: report.endState === 'fresh' ? 'first-run' : 'lock' };
}

/**
 * The duress slot opens nothing and the vault stays locked, so every vault-reading IPC channel
 * answers vault/locked until the decoy is in place. The end state comes from the lock-screen
 * mirror, rebuilt from the real config at every real unlock.
 */
async function duressUnlock(
  core: PanicCore,
  passphrase: string,
  endState: EndState,
  lockSeen: number,
): Promise<GuardedUnlockResult> {
  const { vault, mirror } = core;
  let outcome: GuardedUnlockResult = { ok: false, next: 'quit' };
  let endStateReady: () => void = () => undefined;
  const ready = new Promise<'ready'>((resolve) => {
    endStateReady = () => resolve('ready');
  });
  const openEndState = async (reached: EndState): Promise<void> => {
    if (reached === 'fresh') {
      outcome = { ok: false, next: 'first-run' };
      return;
    }
    // The decoy's primary passphrase IS the duress passphrase: open it with what was just typed.
    const opened = await vault.unlock(passphrase, { lockEpoch: lockSeen });
    outcome = opened.ok ? { ok: true, role: 'primary' } : { ok: false, next: 'lock' };
    // The decoy's mirror is written exactly as a real unlock writes one (its own config, this
    // unlock's time): a never-unlocked-looking mirror (last unlock 0) next to an open notebook
    // would tell that this is the decoy.
    const decoyConfig = opened.ok
      ? await readConfig(vault.records).catch(() => ({ ...DEFAULT_CONFIG }))
      : { ...DEFAULT_CONFIG };
    await mirror.save(await mirror.headerPrefix(), mirror.of(decoyConfig));
    mirror.cachedEndState = 'quit';
    // The decoy came out of spare/: a real notebook's folder has one, so it gets its filler.
    if (opened.ok) scheduleSpare(core);
  };
  // The answer goes back as soon as the end state is in place; the purge and Electron's session
  // calls go on behind it (whenIdle waits for them), so their duration — which grows with the
  // notebook and with slow OS calls — does not show in how long the unlock took.
  const plan = runOnce(core, 'duress', endState, {
    ports: { ...core.ports, showEndState: undefined },
    onEndStateReady: async (reached) => {
      try {
        await openEndState(reached);
      } finally {
        endStateReady();
      }
    },
  }).catch(() => null);
  const first = await Promise.race([ready, plan]);
  if (first !== 'ready' && first?.endState === 'quit') outcome = { ok: false, next: 'quit' };
  return outcome;
}
