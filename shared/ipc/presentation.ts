import { z } from 'zod';
import { ANY_STATE, endpoint } from './endpoint';

export const presentationChannels = {
  /**
   * The trainer's slides are on screen (active) or gone. While they are, main holds the idle
   * auto-lock, for a bounded time (electron/services/lock/autoLock.ts); nothing else changes.
   */
  'presentation:hold': endpoint(z.object({ active: z.boolean() }).strict(), z.object({}).strict(), ANY_STATE),
} as const;
