import { z } from 'zod';
import { channelEvents } from './secureChannel';
import { checklistEvents } from './checklist';
import { clipboardEvents } from './clipboard';
import { contactEvents } from './contact';
import { notesEvents } from './notes';
import { panicEvents } from './panic';
import { vaultEvents } from './vault';
import { panicPracticeEvents } from './panicPractice';

/** Main → renderer notifications. Payloads are plain data; the Electron event never crosses. */
export const EVENTS = {
  'events:locked': z
    .object({
      reason: z.enum(['manual', 'idle', 'suspend', 'screen-lock', 'hidden', 'quit', 'renderer-gone']),
    })
    .strict(),
  'events:settingsChanged': z.object({}).strict(),
  ...clipboardEvents,
  ...notesEvents,
  ...checklistEvents,
  ...contactEvents,
  ...channelEvents,
  ...panicEvents,
  ...vaultEvents,
  ...panicPracticeEvents,
} as const;

export const eventChannels = Object.keys(EVENTS) as EventName[];
export type EventName = keyof typeof EVENTS;
export type EventPayload<E extends EventName> = z.infer<(typeof EVENTS)[E]>;
