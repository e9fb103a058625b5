import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { TikhoError } from '../../../shared/errors';
import { fsyncDir, FILE_MODE, removeFileDurably } from './atomicFile';
import { NONCE_PREFIX_BYTES, SEALED_CHUNK_BYTES, fixedChunks, openChunk, sealChunk } from './chunkedAead';
import type { FileRecordStore } from './fileRecordStore';
import { ATTACHMENTS_DIR, TEMP_PREFIX } from './formatConstants';
import { deriveAttachmentKey, encodeParts, recordFileName } from './keyDerivation';
import { paddedLength } from './padding';
import { errnoOf, toWriteError, type VaultFs } from './vaultFs';
import type { VaultSession } from './vaultSession';

export const ATTACHMENT_META_COLLECTION = 'attachment-meta';
const DATA_VERSION = 1;
const FILE_SALT_BYTES = 32;
const DATA_HEADER_BYTES = 2 + FILE_SALT_BYTES + NONCE_PREFIX_BYTES;

export interface AttachmentInfo {
  id: string;
  noteId: string;
  name: string;
  mime: string;
  size: number;
  createdAt: number;
}

export interface Attachments {
  add(noteId: string, input: { name: string; mime: string; sourcePath: string }): Promise<AttachmentInfo>;
  list(noteId: string): Promise<AttachmentInfo[]>;
  read(id: string): Promise<Buffer>;
  exportTo(id: string, destPath: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export interface AttachmentStore extends Attachments {
  /** Encrypts any byte stream (backup import uses this). */
  addFromStream(
    noteId: string,
    meta: { name: string; mime: string; createdAt?: number },
    source: AsyncIterable<Uint8Array>,
  ): Promise<AttachmentInfo>;
  /** Decrypted plaintext as a stream of chunks (backup export, exportTo). */
  stream(id: string): AsyncGenerator<Buffer>;
  removeAllForNote(noteId: string): Promise<void>;
  listAll(): Promise<AttachmentInfo[]>;
  /** Deletes data files no meta record points to (a crash between data and meta writes). */
  sweepOrphans(): Promise<void>;
}

function aadFor(vaultId: Buffer, id: string): Buffer {
  const v = Buffer.alloc(2);
  v.writeUInt16BE(DATA_VERSION);
  return Buffer.concat([encodeParts(['tikho/v1/attachment']), v, encodeParts([vaultId, id])]);
}

/**
 * Attachment bytes are one file each under attachments/, name = HMAC(file-name key,
 * "attachment-data" || id); metadata (note, name, mime, real size) is an ordinary encrypted record.
 * Data file: version u16 | file salt 32 | nonce prefix 7 | STREAM chunks of
 * (plaintext || zero padding to paddedLength(size)). Write order: data file (atomic) → meta record;
 * a crash in between leaves an orphan data file that sweepOrphans() deletes at the next unlock.
 */
export function createAttachmentStore(opts: {
  fs: VaultFs;
  dir: string;
  session: VaultSession;
  records: FileRecordStore;
  random: (n: number) => Buffer;
  clock: () => number;
  newId: () => string;
  maxBytes: number;
}): AttachmentStore {
  const { fs, session, records, random } = opts;
  const dataDir = join(opts.dir, ATTACHMENTS_DIR);
  const dataPath = (id: string): string =>
    join(dataDir, recordFileName(session.subkeys.fileNames, 'attachment-data', id));

  async function readMeta(id: string): Promise<AttachmentInfo> {
    const raw = await records.read(ATTACHMENT_META_COLLECTION, id);
    if (!raw) throw new TikhoError('vault/attachment-not-found');
    try {
      return JSON.parse(raw.toString('utf8')) as AttachmentInfo;
    } catch {
      throw new TikhoError('vault/attachment-damaged');
    } finally {
      raw.fill(0);
    }
  }

  async function addFromStream(
    noteId: string,
    meta: { name: string; mime: string; createdAt?: number },
    source: AsyncIterable<Uint8Array>,
  ): Promise<AttachmentInfo> {
    session.assertOpen();
    const id = opts.newId();
    const salt = random(FILE_SALT_BYTES);
    const prefix = random(NONCE_PREFIX_BYTES);
    const key = deriveAttachmentKey(session.master, session.vaultId, id, salt);
    const aad = aadFor(session.vaultId, id);
    const target = dataPath(id);
    const temp = join(dataDir, `${TEMP_PREFIX}${random(8).toString('hex')}`);
    let size = 0;
    const maxBytes = opts.maxBytes;
    // Count real bytes, then append zero padding so the file length only shows the bucket.
    async function* padded(): AsyncGenerator<Uint8Array> {
      for await (const piece of source) {
        size += piece.length;
        if (size > maxBytes) throw new TikhoError('vault/attachment-too-large', { maxBytes });
        yield piece;
      }
      let pad = paddedLength(size) - size;
      while (pad > 0) {
        const n = Math.min(pad, 1024 * 1024);
        yield Buffer.alloc(n);
        pad -= n;
      }
    }
    try {
      const handle = await fs.open(temp, 'wx', FILE_MODE);
      try {
        const header = Buffer.alloc(DATA_HEADER_BYTES);
        header.writeUInt16BE(DATA_VERSION, 0);
        salt.copy(header, 2);
        prefix.copy(header, 2 + FILE_SALT_BYTES);
        await handle.write(header, 0, header.length);
        let index = 0;
        let batch: Buffer[] = [];
        let batchBytes = 0;
        for await (const { chunk, final } of fixedChunks(padded())) {
          const sealed = sealChunk(key, prefix, index++, final, aad, chunk);
          chunk.fill(0);
          batch.push(sealed);
          batchBytes += sealed.length;
          if (batchBytes >= 1024 * 1024 || final) {
            const out = Buffer.concat(batch);
            let off = 0;
            while (off < out.length) off += (await handle.write(out, off, out.length - off)).bytesWritten;
            batch = [];
            batchBytes = 0;
          }
        }
        await handle.sync();
      } finally {
        await handle.close();
      }
      session.assertOpen();
      await fs.rename(temp, target);
      await fsyncDir(fs, dataDir);
    } catch (err) {
      await fs.unlink(temp).catch(() => undefined);
      throw err instanceof TikhoError ? err : toWriteError(err);
    } finally {
      key.fill(0);
    }
    const info: AttachmentInfo = {
      id,
      noteId,
      name: meta.name,
      mime: meta.mime,
      size,
      createdAt: meta.createdAt ?? opts.clock(),
    };
    try {
      await records.write(ATTACHMENT_META_COLLECTION, id, Buffer.from(JSON.stringify(info), 'utf8'));
    } catch (err) {
      await removeFileDurably(fs, target).catch(() => undefined);
      throw err;
    }
    return info;
  }

  async function* stream(id: string): AsyncGenerator<Buffer> {
    session.assertOpen();
    const info = await readMeta(id);
    const file = dataPath(id);
    const handle = await fs.open(file, 'r').catch((err: unknown) => {
      throw errnoOf(err) === 'ENOENT' ? new TikhoError('vault/attachment-damaged') : err;
    });
    try {
      const total = (await handle.stat()).size;
      const header = Buffer.alloc(DATA_HEADER_BYTES);
      const { bytesRead } = await handle.read(header, 0, DATA_HEADER_BYTES, 0);
      if (bytesRead !== DATA_HEADER_BYTES || header.readUInt16BE(0) !== DATA_VERSION) {
        throw new TikhoError('vault/attachment-damaged');
      }
      const salt = header.subarray(2, 2 + FILE_SALT_BYTES);
      const prefix = header.subarray(2 + FILE_SALT_BYTES);
      const key = deriveAttachmentKey(session.master, session.vaultId, id, salt);
      const aad = aadFor(session.vaultId, id);
      try {
        const bodyBytes = total - DATA_HEADER_BYTES;
        const chunkCount = Math.max(1, Math.ceil(bodyBytes / SEALED_CHUNK_BYTES));
        const expectedPlain = paddedLength(info.size);
        const expectedBody =
          expectedPlain + Math.max(1, Math.ceil(expectedPlain / (SEALED_CHUNK_BYTES - 16))) * 16;
        if (bodyBytes !== expectedBody) throw new TikhoError('vault/attachment-damaged');
        let remaining = info.size;
        let position = DATA_HEADER_BYTES;
        const buf = Buffer.alloc(SEALED_CHUNK_BYTES);
        for (let i = 0; i < chunkCount; i++) {
          const want = Math.min(SEALED_CHUNK_BYTES, total - position);
          const r = await handle.read(buf, 0, want, position);
          if (r.bytesRead !== want) throw new TikhoError('vault/attachment-damaged');
          position += want;
          const plain = openChunk(
            key,
            prefix,
            i,
            i === chunkCount - 1,
            aad,
            buf.subarray(0, want),
            'vault/attachment-damaged',
          );
          const real = plain.subarray(0, Math.min(remaining, plain.length));
          remaining -= real.length;
          if (real.length > 0) yield Buffer.from(real);
          plain.fill(0);
        }
      } finally {
        key.fill(0);
      }
    } finally {
      await handle.close();
    }
  }

  const store: AttachmentStore = {
    add: async (noteId, input) => {
      let stat: { size: number };
      try {
        stat = await fs.stat(input.sourcePath);
      } catch {
        throw new TikhoError('vault/attachment-source-unreadable');
      }
      if (stat.size > opts.maxBytes)
        throw new TikhoError('vault/attachment-too-large', { maxBytes: opts.maxBytes });
      return addFromStream(noteId, input, createReadStream(input.sourcePath, { highWaterMark: 1024 * 1024 }));
    },
    addFromStream,
    async list(noteId) {
      return (await store.listAll()).filter((a) => a.noteId === noteId);
    },
    async listAll() {
      const out: AttachmentInfo[] = [];
      for (const r of await records.readAll(ATTACHMENT_META_COLLECTION)) {
        if (!r.ok) continue;
        try {
          out.push(JSON.parse(r.data.toString('utf8')) as AttachmentInfo);
        } catch {
          // A damaged meta record hides its attachment; the note itself stays readable.
        }
      }
      return out;
    },
    async read(id) {
      const parts: Buffer[] = [];
      for await (const p of stream(id)) parts.push(p);
      const out = Buffer.concat(parts);
      for (const p of parts) p.fill(0);
      return out;
    },
    stream,
    async exportTo(id, destPath) {
      // The one place decrypted bytes reach the disk, at a path the user chose.
      const handle = await fs.open(destPath, 'w', FILE_MODE).catch((err: unknown) => {
        throw toWriteError(err);
      });
      let ok = false;
      try {
        for await (const p of stream(id)) {
          let off = 0;
          while (off < p.length) off += (await handle.write(p, off, p.length - off)).bytesWritten;
          p.fill(0);
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
      session.assertOpen();
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
