import { createSingleFlight } from '../common';
import type { EventPayload } from '../../../shared/ipc/contract';
import type { EventSink } from '../app';
import type { VaultService } from '../vault';

export type LockReason = EventPayload<'events:locked'>['reason'];

export interface LockController {
  lock(reason: LockReason): Promise<void>;
}

/**
 * Every lock goes through here: the vault flushes pending saves, zeroes its keys and drops its
 * caches, then the renderer is told to drop everything it shows. The event is sent even when
 * the vault was already locked, so a renderer that missed one catches up.
 */
export function createLockController(
  vault: VaultService,
  emit: EventSink,
  /** Work that must reach the vault before its keys go (drafts typed just before the lock). */
  beforeLock: () => Promise<void> = () => Promise.resolve(),
): LockController {
  const flight = createSingleFlight<void>();
  return {
    lock(reason) {
      return flight.run(async () => {
        try {
          // A failed draft write must not keep the vault open.
          if (vault.isUnlocked()) await beforeLock().catch(() => undefined);
          // Called even when locked: an unlock in flight must see the request (vault.lockEpoch) and
          // install nothing, instead of finishing into an open vault the renderer thinks is locked.
          await vault.lock();
        } finally {
          emit('events:locked', { reason });
        }
      });
    },
  };
}
