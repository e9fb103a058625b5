import { join } from 'node:path';
import { TikhoError } from '../../../shared/errors';
import { FILE_MODE, removeFileDurably } from './atomicFile';
import {
  ATTACHMENT_META_COLLECTION,
  attachmentInfoSchema,
  laneRunner,
  type AttachmentContext,
  type AttachmentInfo,
  type AttachmentStore,
  type AttachmentStoreOptions,
} from './attachmentFormat';
import { openedChunks } from './attachmentOpen';
import { encryptNew } from './attachmentSeal';
import { ATTACHMENTS_DIR } from './formatConstants';
import { allocJobMemory, zeroBytes, zeroJobMemory, type JobMemory } from './gcmJob';
import { sharedGcmLane } from './gcmLane';
import { parseJsonRecord } from './jsonRecord';
import { recordFileName } from './keyDerivation';
import { paddedLength } from './padding';
import { writeAll, type FileHandle } from './vectoredIo';
import { toWriteError } from './vaultFs';

export {
  ATTACHMENT_META_COLLECTION,
  attachmentInfoSchema,
  type AttachmentInfo,
  type AttachmentRecords,
  type AttachmentStore,
  type Attachments,
} from './attachmentFormat';

/**
 * The attachments of one vault session: format in attachmentFormat.ts, sealing a new one in
 * attachmentSeal.ts, opening one in attachmentOpen.ts.
 */
export function createAttachmentStore(opts: AttachmentStoreOptions): AttachmentStore {
  const { dir, gcm, ...shared } = opts;
  const { fs, session, records } = opts;
  const dataDir = join(dir, ATTACHMENTS_DIR);
  const ctx: AttachmentContext = {
    ...shared,
    dataDir,
    dataPath: (id) => join(dataDir, recordFileName(session.subkeys.fileNames, 'attachment-data', id)),
    runOnLane: laneRunner(gcm ?? sharedGcmLane()),
  };
  const { dataPath } = ctx;

  async function readMeta(id: string): Promise<AttachmentInfo> {
    const raw = await records.read(ATTACHMENT_META_COLLECTION, id);
    if (!raw) throw new TikhoError('vault/attachment-not-found');
    const info = parseJsonRecord(raw, attachmentInfoSchema);
    raw.fill(0);
    if (!info) throw new TikhoError('vault/attachment-damaged');
    return info;
  }

  async function addFromStream(
    noteId: string,
    meta: { name: string; mime: string; createdAt?: number; size?: number },
    source: AsyncIterable<Uint8Array>,
  ): Promise<AttachmentInfo> {
    if (meta.size !== undefined)
      return encryptNew(ctx, noteId, meta, meta.size, { pieces: source }, 'vault/attachment-size-mismatch');
    // Size unknown up front: collect first (backup import always passes the size).
    const parts: Buffer[] = [];
    let total = 0;
    try {
      for await (const p of source) {
        total += p.length;
        if (total > opts.maxBytes)
          throw new TikhoError('vault/attachment-too-large', { maxBytes: opts.maxBytes });
        parts.push(Buffer.from(p));
      }
      return await encryptNew(ctx, noteId, meta, total, { pieces: parts }, 'vault/attachment-size-mismatch');
    } finally {
      for (const p of parts) p.fill(0);
    }
  }

  /**
   * Decrypted plaintext, one chunk at a time (each a buffer of its own that the consumer may keep
   * and should zero).
   */
  async function* stream(id: string): AsyncGenerator<Buffer> {
    session.assertActive();
    const info = await readMeta(id);
    const fresh = (_start: number, length: number): { data: JobMemory; offset: number } => ({
      data: allocJobMemory(length),
      offset: 0,
    });
    for await (const { start, plain } of openedChunks(ctx, info, fresh)) {
      // The part past info.size is the zero padding.
      const real = Math.max(0, Math.min(plain.length, info.size - start));
      if (real > 0) yield plain.subarray(0, real);
    }
  }

  /**
   * Whole plaintext in one buffer: each chunk is read into its place and opened there. The
   * buffer is a view of the first info.size bytes of shared memory sized to the padded length
   * (the rest is the zero padding, opened in place too).
   */
  async function read(id: string): Promise<Buffer> {
    session.assertActive();
    const info = await readMeta(id);
    const data = allocJobMemory(paddedLength(info.size));
    try {
      for await (const chunk of openedChunks(ctx, info, (start) => ({ data, offset: start }))) void chunk;
      return Buffer.from(data, 0, info.size);
    } catch (err) {
      zeroJobMemory(data);
      throw err;
    }
  }

  const store: AttachmentStore = {
    add: async (noteId, input) => {
      const unreadable = 'vault/attachment-source-unreadable';
      let file: FileHandle;
      try {
        file = await fs.open(input.sourcePath, 'r');
      } catch {
        throw new TikhoError(unreadable);
      }
      try {
        // Measured on the open file, so the size belongs to the very file being read.
        const stat = await file.stat().catch(() => null);
        if (!stat?.isFile()) throw new TikhoError(unreadable);
        if (stat.size > opts.maxBytes)
          throw new TikhoError('vault/attachment-too-large', { maxBytes: opts.maxBytes });
        return await encryptNew(ctx, noteId, input, stat.size, { file }, unreadable);
      } finally {
        await file.close();
      }
    },
    addFromChunks: (noteId, meta, chunks) =>
      encryptNew(ctx, noteId, meta, meta.size, { pieces: chunks }, 'vault/attachment-size-mismatch'),
    addFromStream,
    async list(noteId) {
      return (await store.listAll()).filter((a) => a.noteId === noteId);
    },
    async listAll() {
      const out: AttachmentInfo[] = [];
      for (const r of await records.readAll(ATTACHMENT_META_COLLECTION)) {
        if (!r.ok) continue;
        // A damaged meta record hides its attachment; the note itself stays readable.
        const info = parseJsonRecord(r.data, attachmentInfoSchema);
        if (info) out.push(info);
      }
      return out;
    },
    read,
    stream,
    async exportTo(id, destPath) {
      // The one place decrypted bytes reach the disk, at a path the user chose.
      const handle = await fs.open(destPath, 'w', FILE_MODE).catch((err: unknown) => {
        throw toWriteError(err);
      });
      let ok = false;
      try {
        let position = 0;
        for await (const p of stream(id)) {
          await writeAll(handle, [p], position);
          position += p.length;
          zeroBytes(p);
        }
        await handle.sync();
        ok = true;
      } catch (err) {
        throw err instanceof TikhoError ? err : toWriteError(err);
      } finally {
        await handle.close();
        if (!ok) await fs.unlink(destPath).catch(() => undefined);
      }
    },
    async remove(id) {
      session.assertActive();
      await records.remove(ATTACHMENT_META_COLLECTION, id);
      await removeFileDurably(fs, dataPath(id));
    },
    async removeAllForNote(noteId) {
      for (const a of await store.list(noteId)) await store.remove(a.id);
    },
    async sweepOrphans() {
      const known = new Set((await records.list(ATTACHMENT_META_COLLECTION)).map((id) => dataPath(id)));
      let names: string[];
      try {
        names = await fs.readdir(dataDir);
      } catch {
        return;
      }
      for (const name of names) {
        const p = join(dataDir, name);
        if (!known.has(p)) await fs.unlink(p).catch(() => undefined);
      }
    },
  };
  return store;
}
