import { z } from 'zod';
import { LANGUAGES } from '../settings';
import { ANY_STATE, endpoint } from './endpoint';
import { empty } from './limits';

export const appChannels = {
  /** What the renderer needs before its first paint. */
  'app:bootstrap': endpoint(
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
