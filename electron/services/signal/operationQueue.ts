import { createSerialQueue } from '../common';

/**
 * Runs channel operations one at a time. libsignal reads a session, ratchets it and writes it
 * back; two overlapping operations on the same record would lose one ratchet step.
 */
export function createOperationQueue(): <T>(operation: () => Promise<T>) => Promise<T> {
  return createSerialQueue().run;
}
