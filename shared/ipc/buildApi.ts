import type { ChannelName, EventName, TikhoApi } from './contract';
import type { IpcResult } from './result';

export type Invoke = (channel: ChannelName, request: unknown) => Promise<IpcResult<unknown>>;
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

/**
 * Builds window.tikho from the channel list: one plain function per channel, nothing generic,
 * so the renderer cannot name a channel the contract does not have. Used by the Electron
 * preload (over ipcRenderer) and by the browser harness (over a WebSocket).
 */
export function buildApi(
  channels: readonly ChannelName[],
  events: readonly EventName[],
  invoke: Invoke,
  subscribe: Subscribe,
): TikhoApi {
  const api: Record<string, Record<string, unknown>> = { events: {} };
  for (const name of channels) {
    const [domain, action] = name.split(':') as [string, string];
    const bucket = (api[domain] ??= {});
    bucket[action] = (request: unknown) => invoke(name, request ?? {});
  }
  const eventBucket = api.events as Record<string, unknown>;
  for (const name of events) {
    const action = name.split(':')[1] as string;
    eventBucket[action] = (listener: (payload: unknown) => void) => subscribe(name, listener);
  }
  return api as unknown as TikhoApi;
}
