import type { EncryptedRecordStore } from '../vault';
import { z } from 'zod';
import { parseJsonRecord, RECORD_COLLECTIONS } from '../vault';
import { isDeadManDays, type DeadManDays } from './deadMan';
import { END_STATES, FAILED_UNLOCK_LIMITS, type EndState, type FailedUnlockLimit } from './panicTypes';

/**
 * The panic configuration's source of truth: one ENCRYPTED record in the vault, so a searcher
 * reading settings.json learns nothing about a duress wipe, and a restored backup brings it back.
 * (Whether a duress slot exists is the vault's own encrypted slot map.)
 */
export const CONFIG_COLLECTION = RECORD_COLLECTIONS.panic.config;
export const CONFIG_ID = 'config';

/**
 * One record per completed drill (written by the app's panic handlers). The checklist reads
 * whether it is non-empty ("panic shortcut set and drilled"); a decoy carries a copy.
 */
export const PANIC_DRILLS_COLLECTION = RECORD_COLLECTIONS.panic.drills;

export interface PanicConfig {
  endState: EndState;
  failedUnlockLimit: FailedUnlockLimit | null;
  /** Wipe at the next start after this many days without an unlock; null = off (the default). */
  deadManDays: DeadManDays | null;
  /**
   * Whether spare/ holds the decoy (true) or a filler (false): the folder alone cannot say
   * (spareFolder.ts). null = written before fillers existed, when spare/ only ever held a decoy.
   */
  decoyPrepared: boolean | null;
  /**
   * spare/ may still hold a removed decoy (its header already overwritten, but the app was killed
   * or the disk was full before the filler landed): the next unlock builds the filler.
   */
  fillerDue: boolean;
}

export const DEFAULT_CONFIG: PanicConfig = {
  endState: 'quit',
  failedUnlockLimit: null,
  deadManDays: null,
  decoyPrepared: null,
  fillerDue: false,
};

export function isEndState(v: unknown): v is EndState {
  return typeof v === 'string' && (END_STATES as readonly string[]).includes(v);
}

export function isFailedUnlockLimit(v: unknown): v is FailedUnlockLimit {
  return typeof v === 'number' && (FAILED_UNLOCK_LIMITS as readonly number[]).includes(v);
}

/**
 * The stored config, each field on its own: a field a newer or older version wrote differently
 * (or not at all) takes its default, and the others are kept.
 */
const configSchema = z.object({
  endState: z.enum(END_STATES).catch(DEFAULT_CONFIG.endState),
  failedUnlockLimit: z.custom<FailedUnlockLimit>(isFailedUnlockLimit).nullable().catch(null),
  deadManDays: z.custom<DeadManDays>(isDeadManDays).nullable().catch(null),
  decoyPrepared: z.boolean().nullable().catch(null),
  fillerDue: z.boolean().catch(false),
});

export async function readConfig(records: EncryptedRecordStore): Promise<PanicConfig> {
  const bytes = await records.read(CONFIG_COLLECTION, CONFIG_ID);
  if (!bytes) return { ...DEFAULT_CONFIG };
  return parseJsonRecord(bytes, configSchema) ?? { ...DEFAULT_CONFIG };
}

export async function writeConfig(records: EncryptedRecordStore, c: PanicConfig): Promise<void> {
  const json = JSON.stringify({
    v: 1,
    endState: c.endState,
    failedUnlockLimit: c.failedUnlockLimit,
    deadManDays: c.deadManDays,
    decoyPrepared: c.decoyPrepared,
    fillerDue: c.fillerDue,
  });
  await records.write(CONFIG_COLLECTION, CONFIG_ID, Buffer.from(json, 'utf8'));
}
