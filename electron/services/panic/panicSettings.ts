import { deadManDueAt, isDeadManDays } from './deadMan';
import { requireUnlocked, type PanicCore } from './panicCore';
import { isEndState, isFailedUnlockLimit, readConfig, writeConfig, type PanicConfig } from './panicConfig';
import { panicError } from './panicErrors';
import type { PanicConfigView } from './panicTypes';
import { spareReady } from './spareFolder';

/**
 * Read-modify-write of the encrypted config, one at a time (a background filler must not undo a
 * setting), then its lock-screen mirror.
 */
export function updateConfig(core: PanicCore, patch: Partial<PanicConfig>): Promise<void> {
  const { vault, mirror } = core;
  return core.configQueue.run(async () => {
    requireUnlocked(core);
    const epoch = vault.lockEpoch;
    const next = { ...(await readConfig(vault.records)), ...patch };
    await writeConfig(vault.records, next);
    mirror.cachedEndState = next.endState;
    // Locked meanwhile: the lock screen's attempts now own the mirror, and a reset counter
    // written behind them would undo the failed-unlock limit. The next unlock rebuilds it.
    if (vault.lockEpoch !== epoch) return;
    const { prefix } = await mirror.load();
    await mirror.save(prefix, mirror.of(next));
  });
}

/** A decoy, not a filler, waits in spare/ (the config says so, the folder alone cannot). */
export async function decoyReady(core: PanicCore, config: PanicConfig): Promise<boolean> {
  return config.decoyPrepared === true && (await spareReady(core.fs, core.dataDir));
}

export async function getConfigView(core: PanicCore): Promise<PanicConfigView> {
  requireUnlocked(core);
  const config = await readConfig(core.vault.records);
  const due = deadManDueAt((await core.mirror.load()).guard);
  return {
    endState: config.endState,
    failedUnlockLimit: config.failedUnlockLimit,
    deadManDays: config.deadManDays,
    duressSet: await core.vault.hasDuressSlot(),
    decoyReady: await decoyReady(core, config),
    lockScreenProtection: core.mirror.protection,
    deadManDueAt: config.deadManDays === null || due === null ? null : new Date(due).toISOString(),
  };
}

export async function setEndState(core: PanicCore, endState: unknown): Promise<void> {
  if (!isEndState(endState)) throw panicError('panic/invalid-end-state');
  requireUnlocked(core);
  if (endState === 'decoy' && !(await decoyReady(core, await readConfig(core.vault.records))))
    throw panicError('panic/no-decoy');
  await updateConfig(core, { endState });
}

export async function setFailedUnlockLimit(core: PanicCore, limit: unknown): Promise<void> {
  if (limit !== null && !isFailedUnlockLimit(limit)) throw panicError('panic/invalid-limit');
  await updateConfig(core, { failedUnlockLimit: limit });
}

export async function setDeadMan(core: PanicCore, days: unknown): Promise<void> {
  if (days !== null && !isDeadManDays(days)) throw panicError('panic/invalid-dead-man');
  await updateConfig(core, { deadManDays: days });
}
