import type { StateEntries } from './channelState';
import { splitStateKey, stateKey } from './channelState';

/**
 * A write buffer over the channel state. libsignal mutates its stores in the middle of a
 * decrypt (identity, then Kyber "used", then session) and may fail after the first write; every
 * channel operation therefore runs in one transaction that reaches the vault only on success,
 * and then as one new state under a new epoch key (channelState.ts). A rejected input leaves
 * the record store byte-identical.
 *
 * Reads see the transaction's own pending writes.
 */
export interface RecordTransaction {
  read(collection: string, id: string): Promise<Uint8Array | null>;
  write(collection: string, id: string, data: Uint8Array): void;
  remove(collection: string, id: string): void;
  list(collection: string): Promise<string[]>;
  /** Persists the changes if there are any; an operation that only read writes nothing. */
  commit(): Promise<void>;
}

export function beginRecordTransaction(
  base: StateEntries,
  persist: (next: StateEntries) => Promise<void>,
  /** Commit even without changes (an old-layout state that has to be moved under an epoch key). */
  persistAlways = false,
): RecordTransaction {
  const pending = new Map<string, Uint8Array | null>();
  let finished = false;
  const assertOpen = (): void => {
    if (finished) {
      throw new Error('record transaction already committed');
    }
  };

  return {
    read(collection, id) {
      const key = stateKey(collection, id);
      const staged = pending.has(key) ? pending.get(key) : base.get(key);
      return Promise.resolve(staged?.slice() ?? null);
    },
    write(collection, id, data) {
      assertOpen();
      pending.set(stateKey(collection, id), data.slice());
    },
    remove(collection, id) {
      assertOpen();
      pending.set(stateKey(collection, id), null);
    },
    list(collection) {
      const ids = new Set<string>();
      for (const key of [...base.keys(), ...pending.keys()]) {
        const parts = splitStateKey(key);
        if (parts.collection !== collection) continue;
        const present = pending.has(key) ? pending.get(key) !== null : true;
        if (present) ids.add(parts.id);
        else ids.delete(parts.id);
      }
      return Promise.resolve([...ids]);
    },
    async commit() {
      assertOpen();
      finished = true;
      if (pending.size === 0 && !persistAlways) return;
      const next: StateEntries = new Map(base);
      for (const [key, data] of pending) {
        if (data === null) next.delete(key);
        else next.set(key, data);
      }
      await persist(next);
    },
  };
}
