import type { Services } from '../services';
import { channelContextOf, type ChannelHandlers } from './channel/channelContext';
import { deskHandlers } from './channel/deskHandlers';
import { saveFileHandler } from './channel/saveFileHandler';
import { startSessionHandler } from './channel/startSessionHandler';
import { threadHandlers } from './channel/threadHandlers';

/**
 * The secure channel over IPC: adapts the unlocked session's channel and desk services. The
 * session (one per unlock, disposed on lock with its maintenance timer) is built in
 * unlockedSession.ts.
 */
export function createChannelHandlers(
  services: Pick<Services, 'profile' | 'sessions' | 'ports'>,
): ChannelHandlers {
  const ctx = channelContextOf(services);
  return {
    ...threadHandlers(ctx),
    ...saveFileHandler(ctx),
    ...startSessionHandler(ctx),
    ...deskHandlers(ctx),
  };
}
