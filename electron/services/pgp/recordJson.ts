import type { z } from 'zod';
import { encodeJsonRecord, parseJsonRecord, RECORD_COLLECTIONS, type EncryptedRecordStore } from '../vault';
import { pgpError, type PgpErrorCode } from './pgpError';

/**
 * One collection of the vault with its schema bound, so a store cannot read it with another
 * collection's schema or write a value of the wrong shape. Every read is validated: a record is
 * data, never a trusted shape. A damaged record is `pgp/record-corrupted`; a missing one is
 * null, and what that means is the store's to say.
 */
export interface RecordCollection<T> {
  read(id: string): Promise<T | null>;
  write(id: string, value: T): Promise<void>;
  ids(): Promise<string[]>;
  remove(id: string): Promise<void>;
}

/** A collection where a missing record is an error of the caller's (an unknown id). */
export interface RequiredRecordCollection<T> extends RecordCollection<T> {
  /** The record, or the collection's `missing` error. */
  readOrThrow(id: string): Promise<T>;
}

export function recordCollection<T>(
  records: EncryptedRecordStore,
  collection: string,
  schema: z.ZodType<T>,
): RecordCollection<T>;
export function recordCollection<T>(
  records: EncryptedRecordStore,
  collection: string,
  schema: z.ZodType<T>,
  missing: PgpErrorCode,
): RequiredRecordCollection<T>;
export function recordCollection<T>(
  records: EncryptedRecordStore,
  collection: string,
  schema: z.ZodType<T>,
  missing?: PgpErrorCode,
): RecordCollection<T> | RequiredRecordCollection<T> {
  async function read(id: string): Promise<T | null> {
    const bytes = await records.read(collection, id);
    if (bytes === null) return null;
    const value = parseJsonRecord(bytes, schema);
    if (value === null) throw pgpError('pgp/record-corrupted', { collection });
    return value;
  }
  const base: RecordCollection<T> = {
    read,
    write: (id, value) => records.write(collection, id, encodeJsonRecord(value)),
    ids: () => records.list(collection),
    remove: (id) => records.remove(collection, id),
  };
  if (missing === undefined) return base;
  return {
    ...base,
    async readOrThrow(id) {
      const value = await read(id);
      if (value === null) throw pgpError(missing);
      return value;
    },
  };
}

/** Vault collections owned by this service (names match the vault's /^[a-z][a-z0-9-]{0,31}$/). */
export const COLLECTIONS = RECORD_COLLECTIONS.pgp;
