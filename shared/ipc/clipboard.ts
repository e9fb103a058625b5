import { z } from 'zod';
import { ANY_STATE, endpoint } from './endpoint';
import { empty } from './limits';

/** Copies go through main so it can clear the clipboard after 60 s, and only if it still holds our text. */
export const CLIPBOARD_CLEAR_SECONDS = 60;

export const clipboardChannels = {
  'clipboard:copy': endpoint(
    z
      .object({
        text: z
          .string()
          .min(1)
          .max(12 * 1024 * 1024),
      })
      .strict(),
    z.object({ clearsInSeconds: z.number().int() }).strict(),
    ANY_STATE,
  ),
  'clipboard:clear': endpoint(empty(), empty(), ANY_STATE),
} as const;

export const clipboardEvents = {
  'events:clipboardCleared': z.object({}).strict(),
} as const;
