import type { HandlerTable } from '../ipc/dispatch';
import type { AutoLock } from '../lock/autoLock';
import { createAutoLock } from '../lock/autoLock';
import type { LockController } from '../lock/lockController';
import { createLockController } from '../lock/lockController';
import type { AppContext, AppContextOptions } from './appContext';
import { createAppContext } from './appContext';
import { createHandlerTable } from './appServices';

export interface Runtime {
  ctx: AppContext;
  lock: LockController;
  autoLock: AutoLock;
  table: HandlerTable;
  /** Locks and stops timers; call before quitting so pending saves are flushed. */
  shutdown(): Promise<void>;
}

/** Everything main runs, assembled once; the Electron glue and the harness differ only in ports. */
export function createRuntime(options: AppContextOptions): Runtime {
  const ctx = createAppContext(options);
  const lock = createLockController(ctx.vault, ctx.emit);
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
  return {
    ctx,
    lock,
    autoLock,
    table: createHandlerTable(ctx, lock),
    shutdown: async () => {
      autoLock.stop();
      await lock.lock('quit');
    },
  };
}
