import { join } from 'node:path';
import { z } from 'zod';
import { TikhoError } from '../../../shared/errors';
import { fsyncDir, FILE_MODE, removeFileDurably } from './atomicFile';
import { NONCE_PREFIX_BYTES, SEALED_CHUNK_BYTES, chunkNonce } from './chunkedAead';
import type { FileRecordStore } from './fileRecordStore';
import { ATTACHMENT_CHUNK_BYTES, ATTACHMENTS_DIR, GCM_TAG_BYTES, TEMP_PREFIX } from './formatConstants';
import { deriveAttachmentKey, encodeParts, recordFileName } from './keyDerivation';
import { parseJsonRecord } from './jsonRecord';
import { paddedLength } from './padding';
import {
  allocJobMemory,
  keyInJobMemory,
  zeroBytes,
  zeroJobMemory,
  type GcmJob,
  type JobMemory,
} from './gcmJob';
import { sharedGcmLane, type GcmLane } from './gcmLane';
import { readAll, writeAll, type FileHandle } from './vectoredIo';
import { errnoOf, toWriteError, type VaultFs } from './vaultFs';
import type { VaultSession } from './vaultSession';

export const ATTACHMENT_META_COLLECTION = 'attachment-meta';
const DATA_VERSION = 1;
const FILE_SALT_BYTES = 32;
const DATA_HEADER_BYTES = 2 + FILE_SALT_BYTES + NONCE_PREFIX_BYTES;
/**
 * Where the work runs: AES-256-GCM on worker threads (gcmLane.ts), in place in shared memory;
 * reads and writes on the thread pool; the main thread only moves bytes between them. Every stage
 * overlaps the others: SLOTS chunks are in flight while encrypting (being filled, sealed or
 * written) and READ_GROUPS_AHEAD groups of CHUNKS_PER_READ chunks while decrypting.
 */
const SLOTS = 8;
/** One readv per CHUNKS_PER_READ chunks, which lie back to back in the file. */
const CHUNKS_PER_READ = 2;
const READ_GROUPS_AHEAD = 4;
/** An early datasync every 16 MiB written, see encryptNew. */
const SYNC_EVERY_CHUNKS = 16;

/** Plaintext for encryptNew: an open file read straight into the chunk slots, or pieces copied in. */
type PlainSource = { file: FileHandle } | { pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array> };

/** An attachment's meta record, checked on every read (a damaged one hides its attachment). */
export const attachmentInfoSchema = z.object({
  id: z.string().min(1),
  noteId: z.string().min(1),
  name: z.string(),
  mime: z.string(),
  size: z.number().int().nonnegative(),
  createdAt: z.number(),
});
export type AttachmentInfo = z.infer<typeof attachmentInfoSchema>;

export interface Attachments {
  add(noteId: string, input: { name: string; mime: string; sourcePath: string }): Promise<AttachmentInfo>;
  /**
   * Encrypts bytes that arrive in pieces (from the renderer over IPC; never a path), streaming
   * them into the chunked AEAD: no plaintext is written anywhere. `size` is the exact byte count
   * (checked up front against the limit, vault/attachment-too-large, and at the end against what
   * arrived, vault/attachment-size-mismatch; on any error nothing is kept). Each piece is
   * zeroed once it has been encrypted.
   */
  addFromChunks(
    noteId: string,
    meta: { name: string; mime: string; size: number },
    chunks: AsyncIterable<Uint8Array>,
  ): Promise<AttachmentInfo>;
  list(noteId: string): Promise<AttachmentInfo[]>;
  read(id: string): Promise<Buffer>;
  exportTo(id: string, destPath: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export interface AttachmentStore extends Attachments {
  /** Encrypts any byte stream (backup import uses this). */
  addFromStream(
    noteId: string,
    meta: { name: string; mime: string; createdAt?: number; size?: number },
    source: AsyncIterable<Uint8Array>,
  ): Promise<AttachmentInfo>;
  /** Decrypted plaintext as a stream of chunks (backup export, exportTo). */
  stream(id: string): AsyncGenerator<Buffer>;
  removeAllForNote(noteId: string): Promise<void>;
  listAll(): Promise<AttachmentInfo[]>;
  /** Deletes data files no meta record points to (a crash between data and meta writes). */
  sweepOrphans(): Promise<void>;
}

/** The record-store calls the attachment store makes. */
export type AttachmentRecords = Pick<FileRecordStore, 'read' | 'write' | 'remove' | 'list' | 'readAll'>;

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
  /** Key rotation passes a store of its own here: only write() of the meta record is called then. */
  records: AttachmentRecords;
  random: (n: number) => Buffer;
  clock: () => number;
  newId: () => string;
  maxBytes: number;
  /** Where chunks are sealed and opened; one shared worker unless a test passes another. */
  gcm?: GcmLane;
}): AttachmentStore {
  const { fs, session, records, random } = opts;
  const lane = opts.gcm ?? sharedGcmLane();
  /** A lane that failed (its worker died) is an I/O-class error the UI can name, never a raw one. */
  const runOnLane = (job: GcmJob): Promise<boolean> =>
    lane.run(job).catch(() => {
      throw new TikhoError('vault/io-error', { errno: 'gcm-worker' });
    });
  const dataDir = join(opts.dir, ATTACHMENTS_DIR);
  const dataPath = (id: string): string =>
    join(dataDir, recordFileName(session.subkeys.fileNames, 'attachment-data', id));

  async function readMeta(id: string): Promise<AttachmentInfo> {
    const raw = await records.read(ATTACHMENT_META_COLLECTION, id);
    if (!raw) throw new TikhoError('vault/attachment-not-found');
    const info = parseJsonRecord(raw, attachmentInfoSchema);
    raw.fill(0);
    if (!info) throw new TikhoError('vault/attachment-damaged');
    return info;
  }

  /**
   * Encrypts `source` (exactly `size` bytes, checked) into a new data file, then writes the meta
   * record. Plaintext only ever sits in memory, in SLOTS chunk slots of shared memory: a file is
   * read straight into them; pieces from elsewhere are copied in and zeroed at once. A filled slot
   * is sealed in place on the GCM lane and written (positional writev of ciphertext + tag) while
   * the next slots fill. Every slot is zeroed at the end, whatever happened.
   */
  async function encryptNew(
    noteId: string,
    meta: { name: string; mime: string; createdAt?: number },
    size: number,
    source: PlainSource,
    mismatch: string,
  ): Promise<AttachmentInfo> {
    session.assertActive();
    if (!Number.isSafeInteger(size) || size < 0) throw new TikhoError(mismatch);
    if (size > opts.maxBytes) throw new TikhoError('vault/attachment-too-large', { maxBytes: opts.maxBytes });
    const id = opts.newId();
    const salt = random(FILE_SALT_BYTES);
    const prefix = random(NONCE_PREFIX_BYTES);
    const key = keyInJobMemory(deriveAttachmentKey(session.master, session.vaultId, id, salt));
    const aad = aadFor(session.vaultId, id);
    const target = dataPath(id);
    const temp = join(dataDir, `${TEMP_PREFIX}${random(8).toString('hex')}`);
    const padded = paddedLength(size);
    const chunkCount = Math.max(1, Math.ceil(padded / ATTACHMENT_CHUNK_BYTES));
    const lengthOf = (i: number): number =>
      Math.min(ATTACHMENT_CHUNK_BYTES, padded - i * ATTACHMENT_CHUNK_BYTES);
    /** Real (unpadded) bytes of chunk i. */
    const realOf = (i: number): number =>
      Math.max(0, Math.min(lengthOf(i), size - i * ATTACHMENT_CHUNK_BYTES));
    const data = allocJobMemory(SLOTS * ATTACHMENT_CHUNK_BYTES);
    const tags = allocJobMemory(SLOTS * GCM_TAG_BYTES);
    const slotOf = (i: number): Buffer =>
      Buffer.from(data, (i % SLOTS) * ATTACHMENT_CHUNK_BYTES, lengthOf(i));
    const slotFree: Promise<unknown>[] = Array.from({ length: SLOTS }, () => Promise.resolve());
    const inFlight: Promise<unknown>[] = [];
    let syncing: Promise<unknown> = Promise.resolve();
    /** Every background job/write/sync gets a handler now (no unhandled rejection) and is awaited later. */
    const track = <T>(p: Promise<T>): Promise<T> => {
      p.catch(() => undefined);
      return p;
    };
    try {
      const handle = await fs.open(temp, 'wx', FILE_MODE);
      try {
        const header = Buffer.alloc(DATA_HEADER_BYTES);
        header.writeUInt16BE(DATA_VERSION, 0);
        salt.copy(header, 2);
        prefix.copy(header, 2 + FILE_SALT_BYTES);
        inFlight.push(track(writeAll(handle, [header], 0)));
        /**
         * Chunk i: once `filled` resolves (its slot holds the plaintext and zero padding), seal
         * it on the lane and write it, all in the background; returns when slot i+1 is free.
         */
        const launch = async (i: number, filled: Promise<void>): Promise<void> => {
          const k = i % SLOTS;
          const length = lengthOf(i);
          const job: GcmJob = {
            op: 'seal',
            key,
            nonce: chunkNonce(prefix, i, i === chunkCount - 1),
            aad,
            data,
            offset: k * ATTACHMENT_CHUNK_BYTES,
            length,
            tags,
            tagOffset: k * GCM_TAG_BYTES,
          };
          const done = track(
            filled
              .then(() => runOnLane(job))
              .then((ok) => {
                if (!ok) throw new TikhoError('vault/io-error', { errno: 'seal' });
                const parts = [
                  Buffer.from(data, job.offset, length),
                  Buffer.from(tags, job.tagOffset, GCM_TAG_BYTES),
                ];
                return writeAll(handle, parts, DATA_HEADER_BYTES + i * SEALED_CHUNK_BYTES);
              }),
          );
          slotFree[k] = done;
          inFlight.push(done);
          // Start write-back of what is written so far while encryption goes on, so the final
          // fsync does not flush 100 MB at once. Durability still comes from that final fsync.
          if ((i + 1) % SYNC_EVERY_CHUNKS === 0) {
            // Chained, never awaited here: one datasync at a time, and filling goes on meanwhile.
            const batch = inFlight.splice(0);
            syncing = track(syncing.then(() => Promise.all(batch)).then(() => handle.datasync()));
          }
          if (i + 1 < chunkCount) await slotFree[(i + 1) % SLOTS];
        };
        if ('file' in source) {
          const reader = source.file;
          for (let i = 0; i < chunkCount; i++) {
            session.assertActive();
            const slot = slotOf(i);
            const real = realOf(i);
            const filled = readAll(
              reader,
              [slot.subarray(0, real)],
              i * ATTACHMENT_CHUNK_BYTES,
              mismatch,
            ).then(() => void slot.fill(0, real));
            await launch(i, filled);
          }
          // A file that grew while being read is refused rather than stored cut short.
          const probe = Buffer.alloc(1);
          if ((await reader.read(probe, 0, 1, size)).bytesRead !== 0) throw new TikhoError(mismatch);
        } else {
          let index = 0; // chunk being filled
          let used = 0; // bytes of it filled so far
          let slot = slotOf(0);
          let taken = 0; // plaintext bytes taken from the source
          for await (const piece of source.pieces) {
            try {
              session.assertActive();
              taken += piece.length;
              if (taken > size) {
                if (taken > opts.maxBytes)
                  throw new TikhoError('vault/attachment-too-large', { maxBytes: opts.maxBytes });
                throw new TikhoError(mismatch);
              }
              let offset = 0;
              while (offset < piece.length) {
                const n = Math.min(slot.length - used, piece.length - offset);
                slot.set(piece.subarray(offset, offset + n), used);
                used += n;
                offset += n;
                if (used === slot.length) {
                  await launch(index++, Promise.resolve());
                  used = 0;
                  if (index < chunkCount) slot = slotOf(index);
                }
              }
            } finally {
              piece.fill(0);
            }
          }
          if (taken !== size) throw new TikhoError(mismatch);
          // Zero padding to the bucket, so the file length shows only paddedLength(size).
          while (index < chunkCount) {
            slot.fill(0, used);
            await launch(index++, Promise.resolve());
            used = 0;
            if (index < chunkCount) slot = slotOf(index);
          }
        }
        await Promise.all(slotFree);
        await Promise.all(inFlight);
        await syncing;
        await handle.sync();
      } finally {
        // Never close under a job or write still running (its error, if any, was thrown above).
        await Promise.allSettled([...slotFree, ...inFlight, syncing]);
        await handle.close();
      }
      session.assertActive();
      await fs.rename(temp, target);
      await fsyncDir(fs, dataDir);
    } catch (err) {
      await fs.unlink(temp).catch(() => undefined);
      throw err instanceof TikhoError ? err : toWriteError(err);
    } finally {
      zeroJobMemory(key);
      zeroJobMemory(data);
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

  async function addFromStream(
    noteId: string,
    meta: { name: string; mime: string; createdAt?: number; size?: number },
    source: AsyncIterable<Uint8Array>,
  ): Promise<AttachmentInfo> {
    if (meta.size !== undefined)
      return encryptNew(noteId, meta, meta.size, { pieces: source }, 'vault/attachment-size-mismatch');
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
      return await encryptNew(noteId, meta, total, { pieces: parts }, 'vault/attachment-size-mismatch');
    } finally {
      for (const p of parts) p.fill(0);
    }
  }

  /**
   * Opens the data file of `info` and yields its chunks once authenticated, in order. Each chunk's
   * ciphertext is read straight into the shared memory `placeFor` gives (the caller's output, or a
   * fresh buffer) and opened there on the GCM lane; reads and opens of the next chunks run
   * meanwhile. `start` and `length` are the chunk's offset and length in the padded plaintext.
   */
  async function* openedChunks(
    info: AttachmentInfo,
    placeFor: (start: number, length: number) => { data: JobMemory; offset: number },
  ): AsyncGenerator<{ start: number; plain: Buffer }> {
    const damaged = 'vault/attachment-damaged';
    const handle = await fs.open(dataPath(info.id), 'r').catch((err: unknown) => {
      throw errnoOf(err) === 'ENOENT' ? new TikhoError(damaged) : err;
    });
    const groups: Promise<{ start: number; plain: Buffer }[]>[] = [];
    let unyielded: { start: number; plain: Buffer }[] = [];
    let key: JobMemory | null = null;
    try {
      const total = (await handle.stat()).size;
      const header = Buffer.alloc(DATA_HEADER_BYTES);
      await readAll(handle, [header], 0, damaged);
      if (header.readUInt16BE(0) !== DATA_VERSION) throw new TikhoError(damaged);
      const salt = header.subarray(2, 2 + FILE_SALT_BYTES);
      const prefix = header.subarray(2 + FILE_SALT_BYTES);
      const plainBytes = paddedLength(info.size);
      const chunkCount = Math.max(1, Math.ceil(plainBytes / ATTACHMENT_CHUNK_BYTES));
      if (total - DATA_HEADER_BYTES !== plainBytes + chunkCount * GCM_TAG_BYTES)
        throw new TikhoError(damaged);
      const fileKey = keyInJobMemory(deriveAttachmentKey(session.master, session.vaultId, info.id, salt));
      key = fileKey;
      const aad = aadFor(session.vaultId, info.id);
      let started = 0;
      /** One readv for the next CHUNKS_PER_READ chunks, then one open job per chunk. */
      const startGroup = (): void => {
        const first = started;
        const tags = allocJobMemory(CHUNKS_PER_READ * GCM_TAG_BYTES);
        const jobs: GcmJob[] = [];
        const chunks: { start: number; plain: Buffer }[] = [];
        while (started < chunkCount && jobs.length < CHUNKS_PER_READ) {
          const i = started++;
          const start = i * ATTACHMENT_CHUNK_BYTES;
          const length = Math.min(ATTACHMENT_CHUNK_BYTES, plainBytes - start);
          const { data, offset } = placeFor(start, length);
          jobs.push({
            op: 'open',
            key: fileKey,
            nonce: chunkNonce(prefix, i, i === chunkCount - 1),
            aad,
            data,
            offset,
            length,
            tags,
            tagOffset: jobs.length * GCM_TAG_BYTES,
          });
          chunks.push({ start, plain: Buffer.from(data, offset, length) });
        }
        const parts = chunks.flatMap((c, j) => [
          c.plain,
          Buffer.from(tags, j * GCM_TAG_BYTES, GCM_TAG_BYTES),
        ]);
        const group = readAll(handle, parts, DATA_HEADER_BYTES + first * SEALED_CHUNK_BYTES, damaged)
          .then(() => Promise.all(jobs.map((job) => runOnLane(job))))
          .then((verified) => {
            if (!verified.every(Boolean)) {
              for (const c of chunks) zeroBytes(c.plain);
              throw new TikhoError(damaged);
            }
            return chunks;
          });
        group.catch(() => undefined); // awaited in order below
        groups.push(group);
      };
      while (started < chunkCount || groups.length > 0) {
        while (started < chunkCount && groups.length <= READ_GROUPS_AHEAD) startGroup();
        unyielded = await (groups.shift() ?? Promise.reject(new TikhoError(damaged)));
        while (unyielded.length > 0) {
          // A lock while a large file is being read stops it here rather than at the end.
          session.assertActive();
          const chunk = unyielded.shift();
          if (chunk) yield chunk;
        }
      }
    } finally {
      // Never close or wipe the key under a read or job still running (a consumer may stop
      // early, or a chunk failed); plaintext opened ahead for a consumer that left is zeroed.
      const left = await Promise.allSettled(groups);
      for (const r of left) if (r.status === 'fulfilled') unyielded.push(...r.value);
      for (const c of unyielded) zeroBytes(c.plain);
      if (key) zeroJobMemory(key);
      await handle.close();
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
    for await (const { start, plain } of openedChunks(info, fresh)) {
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
      for await (const chunk of openedChunks(info, (start) => ({ data, offset: start }))) void chunk;
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
        return await encryptNew(noteId, input, stat.size, { file }, unreadable);
      } finally {
        await file.close();
      }
    },
    addFromChunks: (noteId, meta, chunks) =>
      encryptNew(noteId, meta, meta.size, { pieces: chunks }, 'vault/attachment-size-mismatch'),
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
