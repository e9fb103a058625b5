import type { z } from 'zod';
import { appChannels } from './app';
import type { EndpointSpec } from './endpoint';
import { checklistChannels } from './checklist';
import { checklistUpdateChannels } from './checklistUpdates';
import { clipboardChannels } from './clipboard';
import { contactChannels } from './contact';
import { draftChannels } from './drafts';
import type { EventName, EventPayload } from './events';
import { eventChannels } from './events';
import { notesChannels } from './notes';
import { panicChannels } from './panic';
import { panicPracticeChannels } from './panicPractice';
import { presentationChannels } from './presentation';
import type { IpcResult } from './result';
import { channelChannels } from './secureChannel';
import { settingsChannels } from './settings';
import { vaultChannels } from './vault';

/**
 * The whole contract between renderer and main. Channel strings appear here and nowhere else;
 * main registers exactly these, the preload exposes exactly these. One file per domain.
 */
export const CONTRACT = {
  ...appChannels,
  ...settingsChannels,
  ...vaultChannels,
  ...clipboardChannels,
  ...notesChannels,
  ...checklistChannels,
  ...checklistUpdateChannels,
  ...contactChannels,
  ...channelChannels,
  ...panicChannels,
  ...panicPracticeChannels,
  ...draftChannels,
  ...presentationChannels,
} as const satisfies Record<string, EndpointSpec>;

export type Contract = typeof CONTRACT;
export type ChannelName = keyof Contract;
export type RequestOf<C extends ChannelName> = z.input<Contract[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Contract[C]['response']>;

export const CHANNEL_NAMES = Object.keys(CONTRACT) as ChannelName[];

export { EVENTS } from './events';
export type { EventName, EventPayload };
export { eventChannels };

type Domain<C extends string> = C extends `${infer D}:${string}` ? D : never;
type Action<C extends string> = C extends `${string}:${infer A}` ? A : never;

/** window.tikho: `tikho.<domain>.<action>(request) → Promise<IpcResult<response>>`. */
export type TikhoApi = {
  [D in Domain<ChannelName>]: {
    [C in ChannelName as Domain<C> extends D ? Action<C> : never]: (
      request: RequestOf<C>,
    ) => Promise<IpcResult<ResponseOf<C>>>;
  };
} & {
  events: {
    [E in EventName as Action<E>]: (listener: (payload: EventPayload<E>) => void) => () => void;
  };
};
