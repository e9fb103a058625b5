import { RECORD_COLLECTIONS } from '../vault';
import type { z } from 'zod';
import type { EncryptedRecordStore } from '../vault';
import { pgpError } from './pgpError';
import { encodeJsonRecord, parseJsonRecord } from '../vault';

/** JSON records in the vault, validated on every read: a record is data, never trusted shape. */
export async function readRecord<T>(
  records: EncryptedRecordStore,
  collection: string,
  id: string,
  schema: z.ZodType<T>,
): Promise<T | null> {
  const bytes = await records.read(collection, id);
  if (bytes === null) return null;
  const value = parseJsonRecord(bytes, schema);
  if (value === null) throw pgpError('pgp/record-corrupted', { collection });
  return value;
}

export async function writeRecord(
  records: EncryptedRecordStore,
  collection: string,
  id: string,
  value: unknown,
): Promise<void> {
  await records.write(collection, id, encodeJsonRecord(value));
}

/**
 * One collection of the vault with its schema bound, so a store cannot read it with another
 * collection's schema or write a value of the wrong shape. A damaged record is
 * `pgp/record-corrupted` (readRecord); a missing one is null, and what that means is the store's.
 */
export interface RecordCollection<T> {
  read(id: string): Promise<T | null>;
  write(id: string, value: T): Promise<void>;
  ids(): Promise<string[]>;
  remove(id: string): Promise<void>;
}

export function recordCollection<T>(
  records: EncryptedRecordStore,
  collection: string,
  schema: z.ZodType<T>,
): RecordCollection<T> {
  return {
    read: (id) => readRecord(records, collection, id, schema),
    write: (id, value) => writeRecord(records, collection, id, value),
    ids: () => records.list(collection),
    remove: (id) => records.remove(collection, id),
  };
}

/** Vault collections owned by this service (names match the vault's /^[a-z][a-z0-9-]{0,31}$/). */
export const COLLECTIONS = RECORD_COLLECTIONS.pgp;
