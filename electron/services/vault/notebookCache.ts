import { TikhoError } from '../../../shared/errors';
import type { FileRecordStore, RecordReadResult } from './fileRecordStore';
import { createNoteSearchIndex } from './noteSearch';
import { decodeNote, encodeNote, NOTES_COLLECTION, type Note, type NoteSummary } from './noteRecord';
import {
  encodeSummary,
  NOTES_SUMMARY_ID,
  SUMMARY_COLLECTION,
  type Pending,
  type SummaryRow,
} from './notesSummary';

type DamageCode = NonNullable<NoteSummary['damageCode']>;

/**
 * The decrypted notes of one session and what is known of each: read (`notes`), listed from the
 * summary but not read yet (`pending`), or damaged. Everything here is dropped at lock.
 */
export interface NotebookCache {
  readonly store: FileRecordStore;
  readonly notes: Map<string, Note>;
  readonly pending: Map<string, Pending>;
  readonly damaged: Map<string, DamageCode>;
  /** Notes whose last save failed after its file may have landed: never trusted from the summary. */
  readonly unsure: Set<string>;
  readonly index: ReturnType<typeof createNoteSearchIndex>;
  summaryDirty: boolean;
  dropped: boolean;
}

export function createNotebookCache(store: FileRecordStore): NotebookCache {
  return {
    store,
    notes: new Map(),
    pending: new Map(),
    damaged: new Map(),
    unsure: new Set(),
    index: createNoteSearchIndex(),
    summaryDirty: false,
    dropped: false,
  };
}

/** A record read from disk replaces whatever the summary said of it. */
export function accept(c: NotebookCache, r: RecordReadResult): void {
  c.pending.delete(r.id);
  if (!r.ok) {
    c.damaged.set(r.id, r.code);
    return;
  }
  const note = decodeNote(r.id, r.data);
  r.data.fill(0);
  if (!note) {
    c.damaged.set(r.id, 'vault/record-damaged');
    return;
  }
  c.notes.set(note.id, note);
  c.index.put(note.id, note);
}

/** Reads one pending note now (get/update before the background load reached it). */
export function readNow(c: NotebookCache, id: string): void {
  if (!c.pending.has(id)) return;
  const r = c.store.readSync(NOTES_COLLECTION, id);
  if (r) accept(c, r);
  else c.pending.delete(id);
}

export function mustGet(c: NotebookCache, id: string): Note {
  readNow(c, id);
  const note = c.notes.get(id);
  if (note) return note;
  if (c.damaged.has(id)) throw new TikhoError(c.damaged.get(id) ?? 'vault/record-damaged');
  throw new TikhoError('vault/note-not-found');
}

export async function saveNote(c: NotebookCache, note: Note): Promise<Note> {
  const bytes = encodeNote(note);
  c.summaryDirty = true;
  try {
    await c.store.write(NOTES_COLLECTION, note.id, bytes);
  } catch (err) {
    c.unsure.add(note.id);
    throw err;
  } finally {
    bytes.fill(0);
  }
  c.unsure.delete(note.id);
  c.pending.delete(note.id);
  c.notes.set(note.id, note);
  c.damaged.delete(note.id);
  c.index.put(note.id, note);
  return { ...note, tags: [...note.tags] };
}

export function listSummaries(c: NotebookCache): NoteSummary[] {
  const out: NoteSummary[] = [];
  const push = (n: Omit<Pending, 'revision'>): void => {
    out.push({
      id: n.id,
      title: n.title,
      tags: [...n.tags],
      pinned: n.pinned,
      createdAt: n.createdAt,
      updatedAt: n.updatedAt,
      damaged: false,
    });
  };
  for (const n of c.notes.values()) push(n);
  for (const n of c.pending.values()) push(n);
  for (const [id, code] of c.damaged) {
    out.push({
      id,
      title: '',
      tags: [],
      pinned: false,
      createdAt: 0,
      updatedAt: 0,
      damaged: true,
      damageCode: code,
    });
  }
  return out.sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.updatedAt - a.updatedAt);
}

function summaryRows(c: NotebookCache): SummaryRow[] {
  const rows: SummaryRow[] = [];
  const add = (n: Omit<Pending, 'revision'>): void => {
    const revision = c.store.revision(NOTES_COLLECTION, n.id);
    if (revision === null || c.unsure.has(n.id)) return;
    rows.push([n.id, revision, n.title, n.tags, n.pinned, n.createdAt, n.updatedAt]);
  };
  for (const n of c.notes.values()) add(n);
  for (const n of c.pending.values()) add(n);
  return rows;
}

export async function persistSummary(c: NotebookCache): Promise<void> {
  if (!c.summaryDirty || c.dropped) return;
  c.summaryDirty = false;
  const bytes = encodeSummary(summaryRows(c));
  try {
    await c.store.write(SUMMARY_COLLECTION, NOTES_SUMMARY_ID, bytes);
  } catch (err) {
    c.summaryDirty = true;
    throw err;
  } finally {
    bytes.fill(0);
  }
}

export function dropAll(c: NotebookCache): void {
  c.dropped = true;
  c.notes.clear();
  c.pending.clear();
  c.damaged.clear();
  c.unsure.clear();
  c.index.clear();
}
