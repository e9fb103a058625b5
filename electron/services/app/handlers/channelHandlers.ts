import type { channelChannels } from '../../../../shared/ipc/secureChannel';
import type { HandlersFor } from '../../ipc/handlerTypes';
import type { LockController } from '../../lock/lockController';
import type { AppContext } from '../appContext';

export function createChannelHandlers(
  _ctx: AppContext,
  _lock: LockController,
): HandlersFor<typeof channelChannels> {
  return {};
}
