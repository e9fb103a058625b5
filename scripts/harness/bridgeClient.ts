import { buildApi } from '../../shared/ipc/buildApi';
import type { ChannelName, EventName } from '../../shared/ipc/contract';
import { CHANNEL_NAMES, eventChannels } from '../../shared/ipc/contract';
import type { IpcResult } from '../../shared/ipc/result';

/**
 * The harness's stand-in for the Electron preload: the same buildApi over a WebSocket instead of
 * ipcRenderer. Loaded by the harness page only; never part of the app bundle.
 */
type ServerMessage = { id: number; result: IpcResult<unknown> } | { event: EventName; payload: unknown };

const token = new URLSearchParams(location.search).get('token') ?? '';
const socket = new WebSocket(`ws://${location.host}/__harness/ipc?token=${encodeURIComponent(token)}`);
const pending = new Map<number, (result: IpcResult<unknown>) => void>();
const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
const queue: string[] = [];
let nextId = 1;

socket.addEventListener('open', () => {
  for (const message of queue.splice(0)) socket.send(message);
});
socket.addEventListener('message', (event: MessageEvent<string>) => {
  const message = JSON.parse(event.data) as ServerMessage;
  if ('id' in message) {
    pending.get(message.id)?.(message.result);
    pending.delete(message.id);
  } else {
    for (const listener of listeners.get(message.event) ?? []) listener(message.payload);
  }
});
socket.addEventListener('close', () => {
  for (const resolve of pending.values())
    resolve({ ok: false, error: { code: 'ipc/disconnected', params: {} } });
  pending.clear();
});

const invoke = (channel: ChannelName, request: unknown): Promise<IpcResult<unknown>> =>
  new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, resolve);
    const message = JSON.stringify({ id, channel, payload: request });
    if (socket.readyState === WebSocket.OPEN) socket.send(message);
    else queue.push(message);
  });

const subscribe = (event: EventName, listener: (payload: unknown) => void): (() => void) => {
  const set = listeners.get(event) ?? new Set();
  set.add(listener);
  listeners.set(event, set);
  return () => set.delete(listener);
};

Object.defineProperty(window, 'tikho', {
  value: Object.freeze(buildApi(CHANNEL_NAMES, eventChannels, invoke, subscribe)),
  writable: false,
  configurable: false,
});
