import { TikhoError } from '../../../shared/errors';
import type { FileRecordStore } from './fileRecordStore';
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
  list(): NoteSummary[];
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

/**
 * Notes live decrypted in memory while unlocked (for list and search) and on disk one record
 * each. `dropCaches()` forgets every decrypted string; JavaScript strings cannot be zeroed, so
 * dropping the references is the best a JS heap allows (documented in README).
 */
export async function loadNotebook(opts: {
  store: FileRecordStore;
  clock: () => number;
  newId: () => string;
  onNoteDeleted: (id: string) => Promise<void>;
}): Promise<Notebook & { dropCaches(): void }> {
  const { store, clock, newId } = opts;
  const notes = new Map<string, Note>();
  const damaged = new Map<string, NonNullable<NoteSummary['damageCode']>>();
  const index = createNoteSearchIndex();

  for (const r of await store.readAll(NOTES_COLLECTION)) {
    if (!r.ok) {
      damaged.set(r.id, r.code);
      continue;
    }
    const note = decodeNote(r.id, r.data);
    r.data.fill(0);
    if (!note) {
      damaged.set(r.id, 'vault/record-damaged');
      continue;
    }
    notes.set(note.id, note);
    index.put(note.id, note);
  }

  const mustGet = (id: string): Note => {
    const note = notes.get(id);
    if (note) return note;
    if (damaged.has(id)) throw new TikhoError(damaged.get(id) ?? 'vault/record-damaged');
    throw new TikhoError('vault/note-not-found');
  };

  const save = async (note: Note): Promise<Note> => {
    const bytes = encodeNote(note);
    try {
      await store.write(NOTES_COLLECTION, note.id, bytes);
    } finally {
      bytes.fill(0);
    }
    notes.set(note.id, note);
    damaged.delete(note.id);
    index.put(note.id, note);
    return { ...note, tags: [...note.tags] };
  };

  return {
    list() {
      const out: NoteSummary[] = [];
      for (const n of notes.values()) {
        out.push({
          id: n.id,
          title: n.title,
          tags: [...n.tags],
          pinned: n.pinned,
          createdAt: n.createdAt,
          updatedAt: n.updatedAt,
          damaged: false,
        });
      }
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
      if (!notes.has(id) && !damaged.has(id)) throw new TikhoError('vault/note-not-found');
      await store.remove(NOTES_COLLECTION, id);
      notes.delete(id);
      damaged.delete(id);
      index.remove(id);
      await opts.onNoteDeleted(id);
    },
    tags() {
      const all = new Set<string>();
      for (const n of notes.values()) for (const t of n.tags) all.add(t);
      return [...all].sort((a, b) => a.localeCompare(b));
    },
    search: (query) => index.search(query),
    dropCaches() {
      notes.clear();
      damaged.clear();
      index.clear();
    },
  };
}
