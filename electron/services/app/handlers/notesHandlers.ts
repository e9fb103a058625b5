import { randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { TikhoError } from '../../../../shared/errors';
import type { notesChannels } from '../../../../shared/ipc/notes';
import { MAX_PREVIEW_BYTES, UPLOAD_CHUNK_BYTES } from '../../../../shared/ipc/notes';
import type { HandlersFor } from '../../ipc';
import { PREVIEW_MIMES, sniffImage } from '../../notes';
import { asNotes } from '../../notes';
import { searchSnippet } from '../../notes';
import { createUploadSessions, type UploadSessions } from '../../notes';
import type { AttachmentInfo } from '../../vault';
import type { NoteSummary } from '../../vault';
import type { Services } from '../services';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function toSummary(n: NoteSummary | (Omit<NoteSummary, 'damaged'> & { damaged?: boolean })) {
  return {
    id: n.id,
    title: n.title,
    tags: n.tags,
    pinned: n.pinned,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
    damaged: n.damaged ?? false,
  };
}

function toAttachment(a: AttachmentInfo) {
  return {
    id: a.id,
    name: a.name,
    mime: a.mime,
    size: a.size,
    createdAt: a.createdAt,
    previewable: PREVIEW_MIMES.includes(a.mime) && a.size <= MAX_PREVIEW_BYTES,
  };
}

/** A file name the OS save dialog can offer: no folders, no control characters. */
export function safeFileName(name: string, fallback: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const cleaned = path.basename(name.replace(/[\\/]/g, '_')).replace(/[\u0000-\u001f<>:"|?*]/g, '_');
  return cleaned.trim().length > 0 && cleaned !== '.' && cleaned !== '..' ? cleaned : fallback;
}

const today = (): string => new Date().toISOString().slice(0, 10);

export interface NotesHandlerOptions {
  /** Tests pass a small store; the app uses the defaults. */
  uploads?: UploadSessions;
}

/**
 * The notebook over IPC: notes, attachments (uploaded in chunks from the renderer, never a path),
 * search with excerpts, backup and exports. Pending uploads live in memory only and are dropped
 * the moment the vault locks.
 */
export function createNotesHandlers(
  ctx: Pick<Services, 'vault' | 'ports' | 'dataDir'>,
  options: NotesHandlerOptions = {},
): HandlersFor<typeof notesChannels> {
  const { vault } = ctx;
  const uploads = options.uploads ?? createUploadSessions();
  vault.onLock(() => uploads.dropAll(new TikhoError('vault/locked')));

  async function attachmentOf(noteId: string, attachmentId: string): Promise<AttachmentInfo> {
    const found = (await asNotes(() => vault.attachments.list(noteId))).find((a) => a.id === attachmentId);
    if (!found) throw new TikhoError('notes/attachment-not-found');
    return found;
  }

  function decodeChunk(base64: string): Buffer {
    if (!BASE64.test(base64)) throw new TikhoError('notes/upload-invalid-chunk');
    const bytes = Buffer.from(base64, 'base64');
    if (bytes.length > UPLOAD_CHUNK_BYTES) {
      bytes.fill(0);
      throw new TikhoError('notes/upload-invalid-chunk');
    }
    return bytes;
  }

  return {
    'notes:list': () => {
      if (!vault.isUnlocked()) throw new TikhoError('vault/locked');
      return { notes: vault.notes.list().map(toSummary) };
    },

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

    'notes:tags': () => {
      if (!vault.isUnlocked()) throw new TikhoError('vault/locked');
      return { tags: vault.notes.tags() };
    },

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

    'notes:attachBegin': async ({ noteId, name, mime, size }) => {
      await asNotes(() => vault.notes.get(noteId)); // unknown or damaged note: refuse before any byte
      const uploadId = uploads.begin(size, (chunks) =>
        vault.attachments.addFromChunks(noteId, { name, mime, size }, chunks),
      );
      return { uploadId, chunkBytes: UPLOAD_CHUNK_BYTES };
    },

    'notes:uploadChunk': async ({ uploadId, index, base64 }) => {
      await asNotes(() => uploads.chunk(uploadId, index, decodeChunk(base64)));
      return {};
    },

    'notes:attachFinish': async ({ uploadId }) => ({
      attachment: toAttachment(await asNotes(() => uploads.finish<AttachmentInfo>(uploadId))),
    }),

    'notes:uploadCancel': ({ uploadId }) => {
      uploads.cancel(uploadId);
      return {};
    },

    'notes:attachments': async ({ noteId }) => ({
      attachments: (await asNotes(() => vault.attachments.list(noteId))).map(toAttachment),
    }),

    'notes:preview': async ({ noteId, attachmentId }) => {
      const info = await attachmentOf(noteId, attachmentId);
      if (!toAttachment(info).previewable) throw new TikhoError('notes/preview-unsupported');
      const bytes = await asNotes(() => vault.attachments.read(attachmentId));
      try {
        const mime = sniffImage(bytes);
        if (!mime) throw new TikhoError('notes/preview-unsupported');
        return { mime, base64: bytes.toString('base64') };
      } finally {
        bytes.fill(0);
      }
    },

    'notes:exportAttachment': async ({ noteId, attachmentId }) => {
      const info = await attachmentOf(noteId, attachmentId);
      const dest = await ctx.ports.chooseSavePath(safeFileName(info.name, 'attachment'));
      if (!dest) return { savedTo: null };
      await asNotes(() => vault.attachments.exportTo(attachmentId, dest));
      return { savedTo: dest };
    },

    'notes:removeAttachment': async ({ noteId, attachmentId }) => {
      await attachmentOf(noteId, attachmentId);
      await asNotes(() => vault.attachments.remove(attachmentId));
      return {};
    },

    'notes:backupExport': async ({ passphrase }) => {
      if (!vault.isUnlocked()) throw new TikhoError('vault/locked');
      const dest = await ctx.ports.chooseSavePath(`backup-${today()}.bin`);
      if (!dest) return { savedTo: null };
      await asNotes(() => vault.backup.exportEncrypted(dest, passphrase));
      return { savedTo: dest };
    },

    'notes:restoreBegin': ({ size }) => {
      if (!vault.isUnlocked()) throw new TikhoError('vault/locked');
      if (vault.notes.list().length > 0) throw new TikhoError('notes/restore-not-empty');
      // The backup file is ciphertext already; it is streamed to a temp file in the data folder
      // (importEncrypted reads a path) and removed right after the import.
      const tempPath = path.join(ctx.dataDir, `.restore-${randomBytes(8).toString('hex')}.tmp`);
      const uploadId = uploads.begin(size, async (chunks) => {
        const handle = await open(tempPath, 'wx', 0o600);
        try {
          for await (const chunk of chunks) await handle.write(chunk);
          await handle.close();
        } catch (err) {
          await handle.close().catch(() => undefined);
          await rm(tempPath, { force: true });
          throw err;
        }
        return tempPath;
      });
      return { uploadId, chunkBytes: UPLOAD_CHUNK_BYTES };
    },

    'notes:restoreFinish': async ({ uploadId, passphrase }) => {
      const tempPath = await asNotes(() => uploads.finish<string>(uploadId));
      try {
        const result = await asNotes(() => vault.backup.importEncrypted(tempPath, passphrase), {
          'vault/wrong-passphrase': 'notes/backup-wrong-passphrase',
        });
        return { notes: vault.notes.list().length, attachments: result.attachments };
      } finally {
        await rm(tempPath, { force: true });
      }
    },

    'notes:exportPlain': async () => {
      if (!vault.isUnlocked()) throw new TikhoError('vault/locked');
      const dest = await ctx.ports.chooseSavePath(`notes-${today()}.zip`);
      if (!dest) return { savedTo: null };
      await asNotes(() => vault.backup.exportPlainZip(dest));
      return { savedTo: dest };
    },
  };
}
