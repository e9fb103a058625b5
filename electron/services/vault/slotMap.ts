import { TikhoError } from '../../../shared/errors';
import { RECORD_COLLECTIONS } from './collections';
import type { FileRecordStore } from './fileRecordStore';

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

export async function readSlotMap(store: FileRecordStore): Promise<SlotMap> {
  const raw = await store.read(COLLECTION, ID);
  if (!raw) throw new TikhoError('vault/index-damaged');
  const parsed: unknown = JSON.parse(raw.toString('utf8'));
  const m = parsed as Partial<SlotMap>;
  const ok = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isInteger(v));
  if (typeof m.primary !== 'number' || !ok(m.recovery) || !ok(m.duress))
    throw new TikhoError('vault/index-damaged');
  return { primary: m.primary, recovery: m.recovery, duress: m.duress };
}

export async function writeSlotMap(store: FileRecordStore, map: SlotMap): Promise<void> {
  await store.write(COLLECTION, ID, Buffer.from(JSON.stringify(map), 'utf8'));
}
