import { z } from 'zod';
import { TikhoError } from '../../../shared/errors';
import { RECORD_COLLECTIONS } from './collections';
import type { FileRecordStore } from './fileRecordStore';
import { encodeJsonRecord, parseJsonRecord } from './jsonRecord';

/**
 * Which header slot holds which role. Kept ENCRYPTED as a record (never in the header), so the
 * plaintext header does not show whether a recovery or duress slot exists; only an unlocked
 * vault can answer hasRecoverySlot().
 */
export interface SlotMap {
  primary: number;
  recovery: number | null;
  duress: number | null;
}

const COLLECTION = RECORD_COLLECTIONS.vault.meta;
const ID = 'slots';

const slotIndex = z.number().int().nullable();
const slotMapSchema = z.object({ primary: z.number(), recovery: slotIndex, duress: slotIndex });

export async function readSlotMap(store: FileRecordStore): Promise<SlotMap> {
  const raw = await store.read(COLLECTION, ID);
  const map = raw && parseJsonRecord(raw, slotMapSchema);
  if (!map) throw new TikhoError('vault/index-damaged');
  return map;
}

export async function writeSlotMap(store: FileRecordStore, map: SlotMap): Promise<void> {
  await store.write(COLLECTION, ID, encodeJsonRecord(map));
}
