import { TikhoError } from '../../../../../shared/errors';
import { UPLOAD_CHUNK_BYTES } from '../../../../../shared/ipc/notes';
import { asNotes, sniffImage } from '../../../notes';
import type { AttachmentInfo } from '../../../vault';
import { safeFileName } from '../safeFileName';
import { toAttachment, type NotesHandlerContext, type NotesHandlers } from './notesContext';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

type AttachmentChannel =
  | 'notes:attachBegin'
  | 'notes:uploadChunk'
  | 'notes:attachFinish'
  | 'notes:uploadCancel'
  | 'notes:attachments'
  | 'notes:preview'
  | 'notes:exportAttachment'
  | 'notes:removeAttachment';

function decodeChunk(base64: string): Buffer {
  if (!BASE64.test(base64)) throw new TikhoError('notes/upload-invalid-chunk');
  const bytes = Buffer.from(base64, 'base64');
  if (bytes.length > UPLOAD_CHUNK_BYTES) {
    bytes.fill(0);
    throw new TikhoError('notes/upload-invalid-chunk');
  }
  return bytes;
}

/** Attachments: uploaded in chunks from the renderer (never a path), previewed, saved, removed. */
export function attachmentHandlers(ctx: NotesHandlerContext): Pick<NotesHandlers, AttachmentChannel> {
  const { vault, uploads } = ctx;

  async function attachmentOf(noteId: string, attachmentId: string): Promise<AttachmentInfo> {
    const found = (await asNotes(() => vault.attachments.list(noteId))).find((a) => a.id === attachmentId);
    if (!found) throw new TikhoError('notes/attachment-not-found');
    return found;
  }

  return {
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
  };
}
