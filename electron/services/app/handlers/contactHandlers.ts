import type { contactChannels } from '../../../../shared/ipc/contact';
import type { HandlersFor } from '../../ipc/handlerTypes';
import type { LockController } from '../../lock/lockController';
import type { AppContext } from '../appContext';

export function createContactHandlers(
  _ctx: AppContext,
  _lock: LockController,
): HandlersFor<typeof contactChannels> {
  return {};
}
