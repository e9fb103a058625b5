import { RECORD_COLLECTIONS } from './collections';
import type { RecoveredRecord } from './manifestRecovery';

/**
 * The collections whose records a person sees as things they saved: notes, files attached to
 * notes, support requests and the support teams they added. Everything else is the app's own
 * state (drafts, checklist progress, panic set-up and drills, keys, channel state, vault meta):
 * counted as "saved items", a person with 2 notes would read "17 saved items" after a rebuild.
 */
export const SAVED_ITEM_COLLECTIONS: ReadonlySet<string> = new Set([
  RECORD_COLLECTIONS.vault.notes,
  RECORD_COLLECTIONS.vault.attachmentMeta,
  RECORD_COLLECTIONS.pgp.requests,
  RECORD_COLLECTIONS.pgp.teams,
]);

/** The index notice's count: the recovered records that are the person's own saved items. */
export function countSavedItems(records: readonly Pick<RecoveredRecord, 'collection'>[]): number {
  return records.filter((r) => SAVED_ITEM_COLLECTIONS.has(r.collection)).length;
}
