import { ipcMain as electronIpcMain } from 'electron';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { CHANNEL_NAMES } from '../../../shared/ipc/contract';
import type { Dispatch } from '../../services/ipc/dispatch';
import type { SenderInfo } from '../../services/ipc/senderPolicy';

export type IpcMainPort = Pick<IpcMain, 'handle'>;

export function senderOf(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): SenderInfo {
  const frame = event.senderFrame;
  // A destroyed or detached frame is treated as no frame at all (Electron PR #43473).
  if (!frame || frame.isDestroyed() || frame.detached) return { url: null, isMainFrame: false };
  return { url: frame.url, isMainFrame: frame.parent === null };
}

/** The only place that calls ipcMain: every channel of the contract, through the dispatcher. */
export function registerIpc(dispatch: Dispatch, ipcMain: IpcMainPort = electronIpcMain): void {
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, payload: unknown) => dispatch(channel, payload, senderOf(event)));
  }
}
