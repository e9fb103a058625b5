import { z } from 'zod';
import { RECORD_COLLECTIONS } from './collections';
import { parseJsonRecord } from './jsonRecord';

/**
 * The notes summary: one reserved record (collection vault-meta) holding the list fields of every
 * note and the revision they were taken at, so unlock reads one record for the list. A cache,
 * never the truth (notebook.ts says when a row is used).
 */
export const NOTES_SUMMARY_ID = 'notes-summary';
export const SUMMARY_COLLECTION = RECORD_COLLECTIONS.vault.meta;

/** A note whose list fields are known (from the summary) but whose body is not read yet. */
export interface Pending {
  id: string;
  revision: number;
  title: string;
  tags: string[];
  pinned: boolean;
  createdAt: number;
  updatedAt: number;
}

export type SummaryRow = [string, number, string, string[], boolean, number, number];

const rowSchema = z.tuple([
  z.string(),
  z.number(),
  z.string(),
  z.array(z.string()),
  z.boolean(),
  z.number(),
  z.number(),
]);
const summarySchema = z.object({ v: z.literal(1), notes: z.array(z.unknown()) });

/** Rows that do not parse are skipped; an unreadable summary is only a missed shortcut. */
export function decodeSummary(data: Buffer): Map<string, Pending> {
  const out = new Map<string, Pending>();
  const raw = parseJsonRecord(data, summarySchema);
  for (const row of raw?.notes ?? []) {
    const parsed = rowSchema.safeParse(row);
    if (!parsed.success) continue;
    const [id, revision, title, tags, pinned, createdAt, updatedAt] = parsed.data;
    out.set(id, { id, revision, title, tags, pinned, createdAt, updatedAt });
  }
  return out;
}

export function encodeSummary(rows: SummaryRow[]): Buffer {
  return Buffer.from(JSON.stringify({ v: 1, notes: rows }), 'utf8');
}
