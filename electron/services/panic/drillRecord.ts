import type { VaultService } from '../vault';
import { PANIC_DRILLS_COLLECTION } from './panicConfig';
import type { PanicReport } from './panicTypes';

/** What a drill or a practice leaves behind in the vault: when, and whether the plan ran cleanly. No paths. */
export interface PanicDrillRecord {
  at: string;
  complete: boolean;
  keysDestroyedMs: number;
  totalMs: number;
  /** Null when the panic shortcut is off. */
  shortcut: string | null;
  /** What was practised; absent in records of the table-only drill from before the real triggers could be practised. */
  trigger?: PanicReport['trigger'];
}

/** The checklist reads these ("panic shortcut set and drilled"). */
export async function writeDrillRecord(
  records: Pick<VaultService['records'], 'write'>,
  report: PanicReport,
  shortcut: string | null,
  at: number,
): Promise<void> {
  const record: PanicDrillRecord = {
    at: new Date(at).toISOString(),
    complete: report.complete,
    keysDestroyedMs: report.keysDestroyedMs,
    totalMs: report.totalMs,
    shortcut,
    trigger: report.trigger,
  };
  await records.write(PANIC_DRILLS_COLLECTION, String(at), new TextEncoder().encode(JSON.stringify(record)));
}
