import { z } from 'zod';
import { LANGUAGES } from '../settings';
import { ANY_STATE, channel } from './channelSpec';
import { empty } from './limits';

export const appChannels = {
  /** What the renderer needs before its first paint. */
  'app:bootstrap': channel(
    empty(),
    z
      .object({
        version: z.string(),
        platform: z.enum(['linux', 'darwin', 'win32', 'other']),
        host: z.enum(['electron', 'harness']),
        systemLanguage: z.enum(LANGUAGES),
      })
      .strict(),
    ANY_STATE,
  ),
} as const;
