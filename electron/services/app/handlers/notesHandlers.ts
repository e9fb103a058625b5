import type { notesChannels } from '../../../../shared/ipc/notes';
import type { HandlersFor } from '../../ipc/handlerTypes';
import type { LockController } from '../../lock/lockController';
import type { AppContext } from '../appContext';

export function createNotesHandlers(
  _ctx: AppContext,
  _lock: LockController,
): HandlersFor<typeof notesChannels> {
  return {};
}
