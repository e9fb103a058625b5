import type { HandlerTable } from '../ipc';
import { createHandlerTable } from './handlerTable';
import { createServices, type Services, type ServicesOptions } from './services';

export interface Runtime {
  services: Services;
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

/** The services, their handler table and the process's start and end. */
export function createRuntime(options: ServicesOptions): Runtime {
  const services = createServices(options);
  services.autoLock.start();
  return {
    services,
    table: createHandlerTable(services),
    recoverInterruptedWipe: async () => {
      const report = await services.panic.recoverInterruptedWipe().catch(() => null);
      if (report && !report.complete)
        services.logger.warn('panic: interrupted wipe finished with leftovers', {
          failures: report.failures.length,
        });
      const deadMan = await services.panic.wipeIfDeadManDue().catch(() => null);
      if (deadMan && !deadMan.complete)
        services.logger.warn('panic: dead-man wipe finished with leftovers', {
          failures: deadMan.failures.length,
        });
    },
    shutdown: async () => {
      services.autoLock.stop();
      // A duress unlock returns before its purge ends; quitting mid-purge would only defer it to the next start.
      await services.panic.whenIdle();
      await services.lock.lock('quit');
      await services.passphrases.close();
    },
  };
}
