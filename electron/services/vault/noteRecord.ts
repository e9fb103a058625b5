import { z } from 'zod';
import { TikhoError } from '../../../shared/errors';
import { RECORD_COLLECTIONS } from './collections';
import { parseJsonRecord } from './jsonRecord';
import type { NoteSearchResult } from './noteSearch';

export const NOTES_COLLECTION = RECORD_COLLECTIONS.vault.notes;

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

/** A note record as written (`v: 1` and the note's fields); checked on every read. */
const noteRecordSchema = z.object({
  id: z.string(),
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  pinned: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export function normaliseTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0))];
}

export function encodeNote(note: Note): Buffer {
  const bytes = Buffer.from(JSON.stringify({ v: 1, ...note }), 'utf8');
  if (bytes.length > MAX_NOTE_BYTES)
    throw new TikhoError('vault/note-too-large', { maxBytes: MAX_NOTE_BYTES });
  return bytes;
}

/** Null when damaged, or when the record names another note (a file swapped under this id). */
export function decodeNote(id: string, data: Buffer): Note | null {
  const r = parseJsonRecord(data, noteRecordSchema);
  if (!r || r.id !== id) return null;
  return {
    id,
    title: r.title,
    body: r.body,
    tags: r.tags,
    pinned: r.pinned,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
