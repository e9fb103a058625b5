import { createDraftStore } from '../drafts';
import type { HandlerTable } from '../ipc';
import type { AutoLock } from '../lock';
import { createAutoLock } from '../lock';
import type { LockController } from '../lock';
import { createLockController } from '../lock';
import type { AppContext, AppContextOptions } from './appContext';
import { createAppContext } from './appContext';
import { createHandlerTable } from './appServices';

export interface Runtime {
  ctx: AppContext;
  lock: LockController;
  autoLock: AutoLock;
  table: HandlerTable;
  /**
   * Call once before serving the renderer: finishes a panic wipe that a kill or a power cut
   * interrupted, then runs the dead-man wipe if its days have passed, so the first screen shows
   * what the folder really holds and no window ever shows the data a due wipe destroys.
   */
  recoverInterruptedWipe(): Promise<void>;
  /** Locks and stops timers; call before quitting so pending saves are flushed. */
  shutdown(): Promise<void>;
}

/** Everything main runs, assembled once; the Electron glue and the harness differ only in ports. */
export function createRuntime(options: AppContextOptions): Runtime {
  const ctx = createAppContext(options);
  const drafts = createDraftStore(ctx.vault.records);
  const lock = createLockController(ctx.vault, ctx.emit, () => drafts.settle());
  const autoLock = createAutoLock({
    controller: lock,
    isUnlocked: () => ctx.vault.isUnlocked(),
    idleSeconds: () => ctx.ports.idleSeconds(),
    autoLockMinutes: () => ctx.settings.get().autoLockMinutes,
    lockOnHide: () => ctx.settings.get().lockOnHide,
    setInterval: (fn, ms) => setInterval(fn, ms).unref(),
    clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  });
  autoLock.start();
  // A lock of any kind ends a presentation's hold: the next unlock starts with the usual timer.
  ctx.vault.onLock(() => autoLock.holdIdle(false));
  return {
    ctx,
    lock,
    autoLock,
    table: createHandlerTable(ctx, lock, { drafts, autoLock }),
    recoverInterruptedWipe: async () => {
      const report = await ctx.panic.recoverInterruptedWipe().catch(() => null);
      if (report && !report.complete)
        ctx.logger.warn('panic: interrupted wipe finished with leftovers', {
          failures: report.failures.length,
        });
      const deadMan = await ctx.panic.wipeIfDeadManDue().catch(() => null);
      if (deadMan && !deadMan.complete)
        ctx.logger.warn('panic: dead-man wipe finished with leftovers', {
          failures: deadMan.failures.length,
        });
    },
    shutdown: async () => {
      autoLock.stop();
      // A duress unlock returns before its purge ends; quitting mid-purge would only defer it to the next start.
      await ctx.panic.whenIdle();
      await lock.lock('quit');
      await ctx.passphrases.close();
    },
  };
}
