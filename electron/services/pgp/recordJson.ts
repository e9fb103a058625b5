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

/** Vault collections owned by this service (names match the vault's /^[a-z][a-z0-9-]{0,31}$/). */
export const COLLECTIONS = RECORD_COLLECTIONS.pgp;
