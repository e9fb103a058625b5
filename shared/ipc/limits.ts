import { z } from 'zod';

/**
 * Size caps for everything that crosses the bridge. A hostile renderer must not be able to make
 * main allocate or parse without bound.
 */
export const MAX_PAYLOAD_BYTES = 12 * 1024 * 1024; // a 10 MB armored paste plus envelope
export const MAX_SHORT_TEXT = 200;
export const MAX_PASSPHRASE = 1024;
export const MAX_NOTE_BODY = 2 * 1024 * 1024;
export const MAX_LIST = 10_000;

export const shortText = (max = MAX_SHORT_TEXT) => z.string().max(max);
export const passphrase = () => z.string().min(1).max(MAX_PASSPHRASE);
export const id = () =>
  z
    .string()
    .min(1)
    .max(128)
    .regex(/^[A-Za-z0-9_-]+$/);
export const empty = () => z.object({}).strict();
