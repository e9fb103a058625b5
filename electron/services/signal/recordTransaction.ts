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

/** A collection kept outside the state's entries (the kept history: detachedHistory.ts). */
export interface DetachedCollection {
  collection: string;
  list(): string[];
  read(id: string): Promise<Uint8Array | null>;
}

export function beginRecordTransaction(
  base: StateEntries,
  /** `detachedChanges`: the writes (data) and removals (null) of the detached collection, by id. */
  persist: (next: StateEntries, detachedChanges: Map<string, Uint8Array | null>) => Promise<void>,
  /** Commit even without changes (an old-layout state that has to be moved under an epoch key). */
  persistAlways = false,
  detached: DetachedCollection | null = null,
): RecordTransaction {
  const pending = new Map<string, Uint8Array | null>();
  let finished = false;
  const assertOpen = (): void => {
    if (finished) {
      throw new Error('record transaction already committed');
    }
  };

  return {
    async read(collection, id) {
      const key = stateKey(collection, id);
      if (pending.has(key)) return pending.get(key)?.slice() ?? null;
      if (collection === detached?.collection) return (await detached.read(id))?.slice() ?? null;
      return base.get(key)?.slice() ?? null;
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
      const isDetached = collection === detached?.collection;
      if (isDetached) for (const id of detached.list()) ids.add(id);
      for (const key of isDetached ? pending.keys() : [...base.keys(), ...pending.keys()]) {
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
      const detachedChanges = new Map<string, Uint8Array | null>();
      for (const [key, data] of pending) {
        const { collection, id } = splitStateKey(key);
        if (collection === detached?.collection) detachedChanges.set(id, data);
        else if (data === null) next.delete(key);
        else next.set(key, data);
      }
      await persist(next, detachedChanges);
    },
  };
}
