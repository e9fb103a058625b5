import { asNotes, searchSnippet } from '../../../notes';
import { toSummary, type NotesHandlerContext, type NotesHandlers } from './notesContext';

type NoteChannel =
  'notes:list' | 'notes:get' | 'notes:create' | 'notes:update' | 'notes:delete' | 'notes:tags';

/** Notes themselves: list, read, create, edit, delete, and the tags in use. */
export function noteHandlers({ vault }: NotesHandlerContext): Pick<NotesHandlers, NoteChannel> {
  return {
    'notes:list': () => ({ notes: vault.notes.list().map(toSummary) }),

    'notes:get': ({ id }) =>
      asNotes(() => {
        const n = vault.notes.get(id);
        return {
          note: {
            id: n.id,
            title: n.title,
            body: n.body,
            tags: n.tags,
            pinned: n.pinned,
            createdAt: n.createdAt,
            updatedAt: n.updatedAt,
          },
        };
      }),

    'notes:create': async (input) => ({ note: toSummary(await asNotes(() => vault.notes.create(input))) }),

    'notes:update': async ({ id, ...patch }) => ({
      note: toSummary(await asNotes(() => vault.notes.update(id, patch))),
    }),

    'notes:delete': async ({ id }) => {
      await asNotes(() => vault.notes.delete(id));
      return {};
    },

    'notes:tags': () => ({ tags: vault.notes.tags() }),
  };
}

/** Search with an excerpt around the first match in each body. */
export function searchHandlers({ vault }: NotesHandlerContext): Pick<NotesHandlers, 'notes:search'> {
  return {
    'notes:search': async ({ query }) => {
      if (query.trim().length === 0) return { hits: [] };
      // Right after unlock bodies are still being read; search then reads the rest itself.
      const results = await asNotes(() => vault.notes.search(query));
      const hits = [];
      for (const r of results) {
        let snippet = null;
        if (r.body.length > 0) {
          try {
            snippet = searchSnippet(vault.notes.get(r.id).body, r.body);
          } catch {
            snippet = null;
          }
        }
        hits.push({ id: r.id, title: r.title, snippet, tags: r.tags });
      }
      return { hits };
    },
  };
}
