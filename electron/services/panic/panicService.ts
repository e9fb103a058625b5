import { recoverySecretFromInput } from '../vault';
import { deadManDue } from './deadMan';
import { removeDuress, setUpDuress } from './duressSetup';
import { guardedUnlock } from './guardedUnlock';
import { createPanicCore } from './panicCore';
import { drill, recoverInterruptedWipe } from './panicDrill';
import { runOnce } from './panicRuns';
import type { PanicService, PanicServiceOptions } from './panicServiceTypes';
import { getConfigView, setDeadMan, setEndState, setFailedUnlockLimit } from './panicSettings';
import type { GuardedUnlockResult } from './panicTypes';
import { forgetRestoredDecoy, scheduleSpare } from './spareUpkeep';

export type { PanicService, PanicServiceOptions, PanicVault } from './panicServiceTypes';
export type { DecoyNote } from './spareFolder';

/**
 * The panic service: its parts share one PanicCore (panicCore.ts) — the lock-screen unlock in
 * guardedUnlock.ts, the plan runs in panicRuns.ts (the plan itself: panicPlan.ts), settings in
 * panicSettings.ts, the duress passphrase in duressSetup.ts, spare/ in spareUpkeep.ts, the drill
 * and start-up recovery in panicDrill.ts.
 */
export function createPanicService(options: PanicServiceOptions): PanicService {
  const core = createPanicCore(options);
  const serialUnlock = (passphrase: string): Promise<GuardedUnlockResult> =>
    core.unlockQueue.run(() => guardedUnlock(core, passphrase));

  return {
    trigger: (kind) => runOnce(core, kind, () => core.mirror.resolveEndState()),
    unlockOrPanic: serialUnlock,
    unlockWithRecoveryCodeOrPanic: async (typed) => serialUnlock(recoverySecretFromInput(typed)),

    async remainingUnlockAttempts() {
      const { guard } = await core.mirror.load();
      if (guard.failedUnlockLimit === null) return null;
      return Math.max(0, guard.failedUnlockLimit - guard.failedCount);
    },

    getConfig: () => getConfigView(core),
    setEndState: (endState) => setEndState(core, endState),
    setFailedUnlockLimit: (limit) => setFailedUnlockLimit(core, limit),
    setDeadMan: (days) => setDeadMan(core, days),

    async wipeIfDeadManDue() {
      const { prefix, guard } = await core.mirror.load();
      if (!prefix || !deadManDue(guard, core.wallClock())) return null;
      // Like the start-up recovery: nothing is on screen yet; the glue then shows what is left.
      return runOnce(core, 'dead-man', guard.endState, {
        ports: { ...core.ports, quit: undefined, showEndState: undefined },
      });
    },

    setUpDuress: (input) => setUpDuress(core, input),
    removeDuress: () => removeDuress(core),
    drill: () => drill(core),
    recoverInterruptedWipe: () => recoverInterruptedWipe(core),
    prepareSpare: () => scheduleSpare(core),
    afterRestore: () => forgetRestoredDecoy(core),

    async whenIdle() {
      await core.runs.current()?.catch(() => undefined);
      await core.spareWork;
    },
  };
}
