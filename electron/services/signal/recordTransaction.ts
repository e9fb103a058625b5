import type { EncryptedRecordStore } from '../vault/recordStore';

/**
 * A write buffer over the vault's record store. libsignal mutates its stores in the middle of a
 * decrypt (identity, then Kyber "used", then session) and may fail after the first write; every
 * channel operation therefore runs in one transaction that reaches the vault only on success.
 * A rejected input leaves the record store byte-identical.
 *
 * Reads see the transaction's own pending writes. Commit writes in the order the writes were
 * made; each record is atomic in the vault, the set is not (see README: crash window).
 */
export interface RecordTransaction {
  read(collection: string, id: string): Promise<Uint8Array | null>;
  write(collection: string, id: string, data: Uint8Array): void;
  remove(collection: string, id: string): void;
  list(collection: string): Promise<string[]>;
  commit(): Promise<void>;
}

export function beginRecordTransaction(records: EncryptedRecordStore): RecordTransaction {
  const pending = new Map<string, { collection: string; id: string; data: Uint8Array | null }>();
  let finished = false;
  const keyOf = (collection: string, id: string): string => `${collection}\u0000${id}`;
  const assertOpen = (): void => {
    if (finished) {
      throw new Error('record transaction already committed');
    }
  };

  return {
    async read(collection, id) {
      const staged = pending.get(keyOf(collection, id));
      if (staged) {
        return staged.data?.slice() ?? null;
      }
      return records.read(collection, id);
    },
    write(collection, id, data) {
      assertOpen();
      const key = keyOf(collection, id);
      // Re-inserting moves the key to the end so commit order follows the last write.
      pending.delete(key);
      pending.set(key, { collection, id, data: data.slice() });
    },
    remove(collection, id) {
      assertOpen();
      const key = keyOf(collection, id);
      pending.delete(key);
      pending.set(key, { collection, id, data: null });
    },
    async list(collection) {
      const ids = new Set(await records.list(collection));
      for (const entry of pending.values()) {
        if (entry.collection !== collection) {
          continue;
        }
        if (entry.data === null) {
          ids.delete(entry.id);
        } else {
          ids.add(entry.id);
        }
      }
      return [...ids];
    },
    async commit() {
      assertOpen();
      finished = true;
      for (const entry of pending.values()) {
        if (entry.data === null) {
          await records.remove(entry.collection, entry.id);
        } else {
          await records.write(entry.collection, entry.id, entry.data);
        }
      }
    },
  };
}
