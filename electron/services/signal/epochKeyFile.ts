import { promises as fsp } from 'node:fs';
import type { CopyIndex } from '../vault';
import { createInPlaceFile, overwriteCopy, readInPlaceCopies, wipeInPlaceFile } from '../vault';
import { createMemoryRecordStore } from '../vault';
import type { EncryptedRecordStore } from '../vault';
import { EPOCH_COPY_BYTES } from './channelState';

/**
 * Where the channel's current epoch key lives: two fixed-size copies that are overwritten, never
 * replaced. The channel seals each copy itself (channelState.ts), so this layer only moves bytes.
 */
export interface EpochKeyFile {
  /** Both copies, or null when the file does not exist yet. */
  read(): Promise<[Uint8Array, Uint8Array] | null>;
  /** Creates the file with `first` in copy A and random bytes in copy B. */
  create(first: Uint8Array): Promise<void>;
  overwrite(index: CopyIndex, bytes: Uint8Array): Promise<void>;
  /** Overwrites both copies with random bytes and removes the file. */
  destroy(): Promise<void>;
}

/** The production form: one preallocated file in the vault folder (vault/inPlaceFile.ts). */
export function inPlaceEpochKeyFile(path: string, copyBytes = EPOCH_COPY_BYTES): EpochKeyFile {
  return {
    read: () => readInPlaceCopies(fsp, path, copyBytes),
    create: (first) => createInPlaceFile(fsp, path, copyBytes, first),
    overwrite: (index, bytes) => overwriteCopy(fsp, path, copyBytes, index, bytes),
    destroy: () => wipeInPlaceFile(fsp, path),
  };
}

/**
 * TEST ONLY: the two copies kept as a record of the given store, so a copied store (a "seized
 * unlocked device" in the unit tests) carries its current epoch key with it. On a real disk this
 * would defeat the point (every write is a new vault file); production uses inPlaceEpochKeyFile.
 */
export function recordBackedEpochKeyFileForTests(records: EncryptedRecordStore): EpochKeyFile {
  const collection = 'test-signal-epoch';
  const read = async (): Promise<[Uint8Array, Uint8Array] | null> => {
    const bytes = await records.read(collection, 'file');
    if (bytes === null) return null;
    const half = bytes.length / 2;
    return [bytes.slice(0, half), bytes.slice(half)];
  };
  return {
    read,
    create: async (first) => {
      const other = new Uint8Array(first.length);
      globalThis.crypto.getRandomValues(other);
      const both = new Uint8Array(first.length * 2);
      both.set(first, 0);
      both.set(other, first.length);
      await records.write(collection, 'file', both);
    },
    overwrite: async (index, bytes) => {
      const copies = await read();
      if (!copies) throw new Error('epoch key file missing');
      copies[index] = bytes.slice();
      const both = new Uint8Array(bytes.length * 2);
      both.set(copies[0], 0);
      both.set(copies[1], bytes.length);
      await records.write(collection, 'file', both);
    },
    destroy: () => records.remove(collection, 'file'),
  };
}

/** TEST/BENCH ONLY: a memory record store and an epoch key file kept inside it. */
export function memoryChannelStorageForTests(): {
  records: ReturnType<typeof createMemoryRecordStore>;
  epochKeyFile: EpochKeyFile;
} {
  const records = createMemoryRecordStore();
  return { records, epochKeyFile: recordBackedEpochKeyFileForTests(records) };
}
