import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from '../../shared/ipc/buildApi';
import { CHANNEL_NAMES, eventChannels } from '../../shared/ipc/contract';

/**
 * The sandboxed bridge (one CommonJS bundle; `sandbox: true`). It exposes one function per
 * channel and strips the Electron event from every notification, so the renderer never holds
 * ipcRenderer or event.sender (Electron IPC tutorial; security checklist #20).
 */
const api = buildApi(
  CHANNEL_NAMES,
  eventChannels,
  (channel, request) => ipcRenderer.invoke(channel, request),
  (event, listener) => {
    const handler = (_event: Electron.IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, handler);
    return () => {
      ipcRenderer.removeListener(event, handler);
    };
  },
);

contextBridge.exposeInMainWorld('tikho', api);
