import { randomBytes } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import path from 'node:path';
import { TikhoError } from '../../../../../shared/errors';
import { UPLOAD_CHUNK_BYTES } from '../../../../../shared/ipc/notes';
import { asNotes } from '../../../notes';
import type { NotesHandlerContext, NotesHandlers } from './notesContext';

type BackupChannel =
  'notes:backupExport' | 'notes:restoreBegin' | 'notes:restoreFinish' | 'notes:exportPlain';

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * The encrypted backup out and back in (streamed in chunks), and the plain ZIP export. The lock
 * gate refuses these while locked; an auto-lock during the save dialog is refused by the vault's
 * facades themselves (vault/locked), so no handler re-checks.
 */
export function backupHandlers(ctx: NotesHandlerContext): Pick<NotesHandlers, BackupChannel> {
  const { vault, uploads } = ctx;
  return {
    'notes:backupExport': async ({ passphrase }) => {
      const dest = await ctx.ports.chooseSavePath(`backup-${today()}.bin`);
      if (!dest) return { savedTo: null };
      await asNotes(() => vault.backup.exportEncrypted(dest, passphrase));
      return { savedTo: dest };
    },

    'notes:restoreBegin': ({ size }) => {
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
        await ctx.panic.afterRestore();
        return { notes: vault.notes.list().length, attachments: result.attachments };
      } finally {
        await rm(tempPath, { force: true });
      }
    },

    'notes:exportPlain': async () => {
      const dest = await ctx.ports.chooseSavePath(`notes-${today()}.zip`);
      if (!dest) return { savedTo: null };
      await asNotes(() => vault.backup.exportPlainZip(dest));
      return { savedTo: dest };
    },
  };
}
