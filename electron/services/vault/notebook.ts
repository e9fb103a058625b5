import { TikhoError } from '../../../shared/errors';
import type { FileRecordStore, RecordReadResult } from './fileRecordStore';
import { createNoteSearchIndex, type NoteSearchResult } from './noteSearch';

export const NOTES_COLLECTION = 'notes';

export interface Note {
  id: string;
  title: string;
  body: string;
  tags: string[];
  pinned: boolean;
  /** Milliseconds since the epoch (injected clock). */
  createdAt: number;
  updatedAt: number;
}

export interface NoteSummary {
  id: string;
  title: string;
  tags: string[];
  pinned: boolean;
  createdAt: number;
  updatedAt: number;
  /** True when the file did not authenticate or was an older revision put back; content unknown. */
  damaged: boolean;
  damageCode?: 'vault/record-damaged' | 'vault/record-replayed';
}

export interface NoteInput {
  title: string;
  body: string;
  tags: string[];
  pinned: boolean;
}

export type NotePatch = Partial<NoteInput>;

export interface Notebook {
  /**
   * Right after unlock the list comes from the encrypted notes summary; bodies are read and
   * authenticated in the background. A note whose file turns out damaged then flips to
   * `damaged: true`; `loaded()` resolves once every note was read (call list() again then).
   */
  list(): NoteSummary[];
  loaded(): Promise<void>;
  get(id: string): Note;
  create(input: NoteInput): Promise<Note>;
  update(id: string, patch: NotePatch): Promise<Note>;
  delete(id: string): Promise<void>;
  tags(): string[];
  search(query: string): NoteSearchResult[];
}

const MAX_NOTE_BYTES = 16 * 1024 * 1024;

function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0))];
}

function encodeNote(note: Note): Buffer {
  const bytes = Buffer.from(JSON.stringify({ v: 1, ...note }), 'utf8');
  if (bytes.length > MAX_NOTE_BYTES)
    throw new TikhoError('vault/note-too-large', { maxBytes: MAX_NOTE_BYTES });
  return bytes;
}

function decodeNote(id: string, data: Buffer): Note | null {
  try {
    const raw: unknown = JSON.parse(data.toString('utf8'));
    if (typeof raw !== 'object' || raw === null) return null;
    const r = raw as Record<string, unknown>;
    if (r.id !== id || typeof r.title !== 'string' || typeof r.body !== 'string') return null;
    if (!Array.isArray(r.tags) || !r.tags.every((t): t is string => typeof t === 'string')) return null;
    if (typeof r.pinned !== 'boolean' || typeof r.createdAt !== 'number' || typeof r.updatedAt !== 'number')
      return null;
    return {
      id,
      title: r.title,
      body: r.body,
      tags: r.tags,
      pinned: r.pinned,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  } catch {
    return null;
  }
}

/** Reserved record (collection vault-meta) holding the list fields of every note, see below. */
export const NOTES_SUMMARY_ID = 'notes-summary';
const META_COLLECTION = 'vault-meta';

/** A note whose list fields are known (from the summary) but whose body is not read yet. */
interface Pending {
  id: string;
  revision: number;
  title: string;
  tags: string[];
  pinned: boolean;
  createdAt: number;
  updatedAt: number;
}

type SummaryRow = [string, number, string, string[], boolean, number, number];

function decodeSummary(data: Buffer): Map<string, Pending> {
  const out = new Map<string, Pending>();
  try {
    const raw: unknown = JSON.parse(data.toString('utf8'));
    if (typeof raw !== 'object' || raw === null) return out;
    const rows = (raw as { v?: unknown; notes?: unknown }).notes;
    if ((raw as { v?: unknown }).v !== 1 || !Array.isArray(rows)) return out;
    for (const row of rows as unknown[]) {
      if (!Array.isArray(row) || row.length !== 7) continue;
      const [id, revision, title, tags, pinned, createdAt, updatedAt] = row as unknown[];
      if (
        typeof id !== 'string' ||
        typeof revision !== 'number' ||
        typeof title !== 'string' ||
        !Array.isArray(tags) ||
        !tags.every((t): t is string => typeof t === 'string') ||
        typeof pinned !== 'boolean' ||
        typeof createdAt !== 'number' ||
        typeof updatedAt !== 'number'
      )
        continue;
      out.set(id, { id, revision, title, tags, pinned, createdAt, updatedAt });
    }
  } catch {
    // An unreadable summary is only a missed shortcut: every note is then read from its file.
  }
  return out;
}

/**
 * Notes live decrypted in memory while unlocked (for list and search) and on disk one record
 * each. `dropCaches()` forgets every decrypted string; JavaScript strings cannot be zeroed, so
 * dropping the references is the best a JS heap allows (documented in README).
 *
 * Unlock reads ONE record for the list: the notes summary (vault-meta/notes-summary, an ordinary
 * encrypted record: title, tags, pinned, times and the revision of every note). A summary row is
 * used only when its revision equals the manifest's for that note; any other note (changed after
 * the summary was written, created by a crashed session, summary missing/damaged/replayed) is read
 * from its own file during unlock. Bodies are then read in the background in slices; get() of a
 * note not read yet reads that one file synchronously, and search() first reads whatever is left
 * (the first search right after unlock pays for it). The summary is a cache, never the truth: a
 * body read always replaces the summary's fields, and a damaged or replayed file marks the note
 * damaged whatever the summary said. It is rewritten on lock only (no background writes), so a
 * session that ends in a crash makes the next unlock read the notes changed in it one by one.
 */
export async function loadNotebook(opts: {
  store: FileRecordStore;
  clock: () => number;
  newId: () => string;
  onNoteDeleted: (id: string) => Promise<void>;
}): Promise<Notebook & { dropCaches(): void; persistSummary(): Promise<void> }> {
  const { store, clock, newId } = opts;
  const notes = new Map<string, Note>();
  const pending = new Map<string, Pending>();
  const damaged = new Map<string, NonNullable<NoteSummary['damageCode']>>();
  /** Notes whose last save failed after its file may have landed: never trusted from the summary. */
  const unsure = new Set<string>();
  const index = createNoteSearchIndex();
  let summaryDirty = false;
  let dropped = false;

  const accept = (r: RecordReadResult): void => {
    pending.delete(r.id);
    if (!r.ok) {
      damaged.set(r.id, r.code);
      return;
    }
    const note = decodeNote(r.id, r.data);
    r.data.fill(0);
    if (!note) {
      damaged.set(r.id, 'vault/record-damaged');
      return;
    }
    notes.set(note.id, note);
    index.put(note.id, note);
  };

  const summaryFile = store.readSync(META_COLLECTION, NOTES_SUMMARY_ID);
  let summary = new Map<string, Pending>();
  if (summaryFile?.ok) {
    summary = decodeSummary(summaryFile.data);
    summaryFile.data.fill(0);
  }
  const catchUp: string[] = [];
  for (const id of await store.list(NOTES_COLLECTION)) {
    const row = summary.get(id);
    if (row && row.revision === store.revision(NOTES_COLLECTION, id)) pending.set(id, row);
    else catchUp.push(id);
  }
  summary.clear();
  if (catchUp.length > 0) {
    for (const r of await store.readAll(NOTES_COLLECTION, catchUp)) accept(r);
    summaryDirty = true;
  }

  /** Reads one pending note now (get/update before the background load reached it). */
  const readNow = (id: string): void => {
    if (!pending.has(id)) return;
    const r = store.readSync(NOTES_COLLECTION, id);
    if (r) accept(r);
    else pending.delete(id);
  };
  const readAllPending = (): void => {
    for (const id of [...pending.keys()]) readNow(id);
  };

  // Background body load, in slices so IPC keeps flowing; stops at lock.
  const bodies = (async (): Promise<void> => {
    while (pending.size > 0 && !dropped) {
      await new Promise<void>((r) => setImmediate(r));
      if (dropped) return;
      let n = 0;
      for (const id of pending.keys()) {
        readNow(id);
        if (++n >= 256) break;
      }
    }
  })().catch(() => undefined); // vault/locked mid-way: the session is gone, nothing to finish

  const mustGet = (id: string): Note => {
    readNow(id);
    const note = notes.get(id);
    if (note) return note;
    if (damaged.has(id)) throw new TikhoError(damaged.get(id) ?? 'vault/record-damaged');
    throw new TikhoError('vault/note-not-found');
  };

  const save = async (note: Note): Promise<Note> => {
    const bytes = encodeNote(note);
    summaryDirty = true;
    try {
      await store.write(NOTES_COLLECTION, note.id, bytes);
    } catch (err) {
      unsure.add(note.id);
      throw err;
    } finally {
      bytes.fill(0);
    }
    unsure.delete(note.id);
    pending.delete(note.id);
    notes.set(note.id, note);
    damaged.delete(note.id);
    index.put(note.id, note);
    return { ...note, tags: [...note.tags] };
  };

  const summaryRows = (): SummaryRow[] => {
    const rows: SummaryRow[] = [];
    const add = (n: Omit<Pending, 'revision'>): void => {
      const revision = store.revision(NOTES_COLLECTION, n.id);
      if (revision === null || unsure.has(n.id)) return;
      rows.push([n.id, revision, n.title, n.tags, n.pinned, n.createdAt, n.updatedAt]);
    };
    for (const n of notes.values()) add(n);
    for (const n of pending.values()) add(n);
    return rows;
  };

  const persistSummary = async (): Promise<void> => {
    if (!summaryDirty || dropped) return;
    summaryDirty = false;
    const bytes = Buffer.from(JSON.stringify({ v: 1, notes: summaryRows() }), 'utf8');
    try {
      await store.write(META_COLLECTION, NOTES_SUMMARY_ID, bytes);
    } catch (err) {
      summaryDirty = true;
      throw err;
    } finally {
      bytes.fill(0);
    }
  };

  return {
    list() {
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
      for (const n of notes.values()) push(n);
      for (const n of pending.values()) push(n);
      for (const [id, code] of damaged) {
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
    },
    loaded: () => bodies,
    get(id) {
      const n = mustGet(id);
      return { ...n, tags: [...n.tags] };
    },
    create(input) {
      const now = clock();
      return save({
        id: newId(),
        title: input.title,
        body: input.body,
        tags: normaliseTags(input.tags),
        pinned: input.pinned,
        createdAt: now,
        updatedAt: now,
      });
    },
    update(id, patch) {
      const current = mustGet(id);
      return save({
        ...current,
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.body !== undefined ? { body: patch.body } : {}),
        ...(patch.tags !== undefined ? { tags: normaliseTags(patch.tags) } : {}),
        ...(patch.pinned !== undefined ? { pinned: patch.pinned } : {}),
        updatedAt: Math.max(clock(), current.updatedAt),
      });
    },
    async delete(id) {
      if (!notes.has(id) && !pending.has(id) && !damaged.has(id))
        throw new TikhoError('vault/note-not-found');
      summaryDirty = true;
      await store.remove(NOTES_COLLECTION, id);
      notes.delete(id);
      pending.delete(id);
      damaged.delete(id);
      index.remove(id);
      await opts.onNoteDeleted(id);
    },
    tags() {
      const all = new Set<string>();
      for (const n of notes.values()) for (const t of n.tags) all.add(t);
      for (const n of pending.values()) for (const t of n.tags) all.add(t);
      return [...all].sort((a, b) => a.localeCompare(b));
    },
    search: (query) => {
      // Search must cover bodies: whatever the background load has not reached yet is read now.
      readAllPending();
      return index.search(query);
    },
    persistSummary,
    dropCaches() {
      dropped = true;
      notes.clear();
      pending.clear();
      damaged.clear();
      unsure.clear();
      index.clear();
    },
  };
}
