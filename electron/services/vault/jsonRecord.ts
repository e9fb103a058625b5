import type { z } from 'zod';
import type { EncryptedRecordStore } from './recordStore';

/**
 * The one way a JSON record of the vault is read back: strict UTF-8, JSON, then the collection's
 * schema. A record is data, never a trusted shape — a bug or an old version can have written
 * anything. `null` means damaged; what a damaged record means (an error, a default, left out of
 * a list) is each caller's decision, made where the caller's reader sees it.
 */
export function parseJsonRecord<T>(bytes: Uint8Array, schema: z.ZodType<T>): T | null {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** The matching writer: UTF-8 JSON. */
export function encodeJsonRecord(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}

/**
 * Reads one JSON record: `null` when there is none, the parsed value when it is sound, and
 * `onDamaged()` when it is not — the owner says there whether damage is an error or a default.
 */
export async function readJsonRecord<T>(
  records: EncryptedRecordStore,
  collection: string,
  id: string,
  schema: z.ZodType<T>,
  onDamaged: () => T | null,
): Promise<T | null> {
  const bytes = await records.read(collection, id);
  if (bytes === null) return null;
  return parseJsonRecord(bytes, schema) ?? onDamaged();
}
