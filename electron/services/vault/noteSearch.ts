import { createFolder } from './textFolding';

export interface MatchRange {
  start: number;
  end: number;
}

export interface NoteSearchResult {
  id: string;
  title: MatchRange[];
  body: MatchRange[];
  /** Ranges per tag, index-aligned with the note's tags. */
  tags: MatchRange[][];
}

interface IndexedNote {
  title: string;
  body: string;
  tags: string[];
}

const MAX_RANGES_PER_FIELD = 100;

function ranges(haystack: string, needles: string[]): MatchRange[] {
  const out: MatchRange[] = [];
  for (const needle of needles) {
    let from = 0;
    while (out.length < MAX_RANGES_PER_FIELD) {
      const at = haystack.indexOf(needle, from);
      if (at < 0) break;
      out.push({ start: at, end: at + needle.length });
      from = at + needle.length;
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * In-memory only (no plaintext index ever reaches the disk). Holds folded copies of title, body and
 * tags; a query is split on whitespace and a note matches when every term occurs in some field.
 * Folding is lazy: put() only remembers the note and the next search folds what changed since the
 * last one. Unlock therefore pays nothing for search; the first search after unlock folds every
 * note once (~50–100 ms at 10 000 notes of 2 KB) and later searches only the notes saved since.
 */
export function createNoteSearchIndex() {
  const folded = new Map<string, IndexedNote>();
  const pending = new Map<string, IndexedNote>();
  const foldForSearch = createFolder();
  const catchUp = (): void => {
    for (const [id, note] of pending) {
      folded.set(id, {
        title: foldForSearch(note.title),
        body: foldForSearch(note.body),
        tags: note.tags.map(foldForSearch),
      });
    }
    pending.clear();
  };
  return {
    put(id: string, note: { title: string; body: string; tags: string[] }): void {
      // The stale folded copy must not match until the next search re-folds this note.
      folded.delete(id);
      pending.set(id, { title: note.title, body: note.body, tags: note.tags });
    },
    remove(id: string): void {
      folded.delete(id);
      pending.delete(id);
    },
    clear(): void {
      folded.clear();
      pending.clear();
    },
    size: (): number => folded.size + pending.size,
    search(query: string, limit = 500): NoteSearchResult[] {
      const terms = foldForSearch(query)
        .split(/\s+/u)
        .filter((t) => t.length > 0);
      if (terms.length === 0) return [];
      catchUp();
      const results: NoteSearchResult[] = [];
      for (const [id, n] of folded) {
        let all = true;
        for (const t of terms) {
          if (!n.title.includes(t) && !n.body.includes(t) && !n.tags.some((tag) => tag.includes(t))) {
            all = false;
            break;
          }
        }
        if (!all) continue;
        results.push({
          id,
          title: ranges(n.title, terms),
          body: ranges(n.body, terms),
          tags: n.tags.map((tag) => ranges(tag, terms)),
        });
        if (results.length >= limit) break;
      }
      return results;
    },
  };
}
export type NoteSearchIndex = ReturnType<typeof createNoteSearchIndex>;
