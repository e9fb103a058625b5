import type { panicChannels } from '../../../../shared/ipc/panic';
import type { HandlersFor } from '../../ipc/handlerTypes';
import type { LockController } from '../../lock/lockController';
import type { AppContext } from '../appContext';

export function createPanicHandlers(
  _ctx: AppContext,
  _lock: LockController,
): HandlersFor<typeof panicChannels> {
  return {};
}
