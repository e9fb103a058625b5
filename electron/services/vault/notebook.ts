import { TikhoError } from '../../../shared/errors';
import type { FileRecordStore } from './fileRecordStore';
import {
  accept,
  createNotebookCache,
  dropAll,
  listSummaries,
  mustGet,
  persistSummary,
  readNow,
  saveNote,
  type NotebookCache,
} from './notebookCache';
import { NOTES_COLLECTION, normaliseTags, type Notebook } from './noteRecord';
import { decodeSummary, NOTES_SUMMARY_ID, SUMMARY_COLLECTION, type Pending } from './notesSummary';

export {
  NOTES_COLLECTION,
  type Note,
  type NoteInput,
  type NotePatch,
  type NoteSummary,
  type Notebook,
} from './noteRecord';
export { NOTES_SUMMARY_ID } from './notesSummary';

/** Notes read per slice of the background load, between which IPC and timers run. */
const BODY_SLICE = 256;

/** The summary's rows that still match the manifest become pending; every other note is read now. */
async function loadList(c: NotebookCache): Promise<void> {
  const { store } = c;
  const summaryFile = store.readSync(SUMMARY_COLLECTION, NOTES_SUMMARY_ID);
  let summary = new Map<string, Pending>();
  if (summaryFile?.ok) {
    summary = decodeSummary(summaryFile.data);
    summaryFile.data.fill(0);
  }
  const catchUp: string[] = [];
  for (const id of await store.list(NOTES_COLLECTION)) {
    const row = summary.get(id);
    if (row && row.revision === store.revision(NOTES_COLLECTION, id)) c.pending.set(id, row);
    else catchUp.push(id);
  }
  summary.clear();
  if (catchUp.length > 0) {
    for (const r of await store.readAll(NOTES_COLLECTION, catchUp)) accept(c, r);
    c.summaryDirty = true;
  }
}

/** Background body load, in slices so IPC keeps flowing; stops at lock. */
function loadBodies(c: NotebookCache): Promise<void> {
  return (async (): Promise<void> => {
    while (c.pending.size > 0 && !c.dropped) {
      await new Promise<void>((r) => setImmediate(r));
      if (c.dropped) return;
      let n = 0;
      for (const id of c.pending.keys()) {
        readNow(c, id);
        if (++n >= BODY_SLICE) break;
      }
    }
  })().catch(() => undefined); // vault/locked mid-way: the session is gone, nothing to finish
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
  const { clock, newId } = opts;
  const c = createNotebookCache(opts.store);
  await loadList(c);
  const bodies = loadBodies(c);
  return {
    list: () => listSummaries(c),
    loaded: () => bodies,
    get(id) {
      const n = mustGet(c, id);
      return { ...n, tags: [...n.tags] };
    },
    create(input) {
      const now = clock();
      const { title, body, pinned } = input;
      return saveNote(c, {
        id: newId(),
        title,
        body,
        tags: normaliseTags(input.tags),
        pinned,
        createdAt: now,
        updatedAt: now,
      });
    },
    update(id, patch) {
      const current = mustGet(c, id);
      return saveNote(c, {
        ...current,
        ...(patch.title !== undefined ? { title: patch.title } : {}),
        ...(patch.body !== undefined ? { body: patch.body } : {}),
        ...(patch.tags !== undefined ? { tags: normaliseTags(patch.tags) } : {}),
        ...(patch.pinned !== undefined ? { pinned: patch.pinned } : {}),
        updatedAt: Math.max(clock(), current.updatedAt),
      });
    },
    async delete(id) {
      if (!c.notes.has(id) && !c.pending.has(id) && !c.damaged.has(id))
        throw new TikhoError('vault/note-not-found');
      c.summaryDirty = true;
      await c.store.remove(NOTES_COLLECTION, id);
      c.notes.delete(id);
      c.pending.delete(id);
      c.damaged.delete(id);
      c.index.remove(id);
      await opts.onNoteDeleted(id);
    },
    tags() {
      const all = new Set<string>();
      for (const n of c.notes.values()) for (const t of n.tags) all.add(t);
      for (const n of c.pending.values()) for (const t of n.tags) all.add(t);
      return [...all].sort((a, b) => a.localeCompare(b));
    },
    search: (query) => {
      // Search must cover bodies: whatever the background load has not reached yet is read now.
      for (const id of [...c.pending.keys()]) readNow(c, id);
      return c.index.search(query);
    },
    persistSummary: () => persistSummary(c),
    dropCaches: () => dropAll(c),
  };
}
