import type { checklistChannels } from '../../../../shared/ipc/checklist';
import type { HandlersFor } from '../../ipc/handlerTypes';
import type { LockController } from '../../lock/lockController';
import type { AppContext } from '../appContext';

export function createChecklistHandlers(
  _ctx: AppContext,
  _lock: LockController,
): HandlersFor<typeof checklistChannels> {
  return {};
}
