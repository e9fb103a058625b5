import { webcrypto } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { TikhoError } from '../../../shared/errors';
import { fsyncDir, FILE_MODE, removeFileDurably } from './atomicFile';
import { NONCE_PREFIX_BYTES, SEALED_CHUNK_BYTES, chunkNonce } from './chunkedAead';
import type { FileRecordStore } from './fileRecordStore';
import { ATTACHMENT_CHUNK_BYTES, ATTACHMENTS_DIR, GCM_TAG_BYTES, TEMP_PREFIX } from './formatConstants';
import { deriveAttachmentKey, encodeParts, recordFileName } from './keyDerivation';
import { paddedLength } from './padding';
import { errnoOf, toWriteError, type VaultFs } from './vaultFs';
import type { VaultSession } from './vaultSession';

export const ATTACHMENT_META_COLLECTION = 'attachment-meta';
const DATA_VERSION = 1;
const FILE_SALT_BYTES = 32;
const DATA_HEADER_BYTES = 2 + FILE_SALT_BYTES + NONCE_PREFIX_BYTES;
/** Sealed chunks being written while the next one is encrypted (a few MiB of ciphertext). */
const WRITES_IN_FLIGHT = 4;
/**
 * AES-256-GCM through WebCrypto rather than createCipheriv: same bytes (ciphertext || 16-byte tag
 * per chunk), but each call runs on the libuv thread pool, so several chunks are sealed or opened
 * at once on different cores while the main thread reads and writes. The synchronous cipher
 * held throughput to one core (~25–35 % of raw AES-GCM once I/O was added). Limit: the CryptoKey
 * holds its own copy of the per-file key until garbage collection (Node frees it with
 * OPENSSL_clear_free); our Buffer copy is zeroed as soon as the key is imported.
 */
const subtle = webcrypto.subtle;
async function importGcmKey(key: Buffer, usage: 'encrypt' | 'decrypt'): Promise<webcrypto.CryptoKey> {
  try {
    return await subtle.importKey('raw', key, { name: 'AES-GCM' }, false, [usage]);
  } finally {
    key.fill(0);
  }
}
const gcmParams = (iv: Buffer, aad: Buffer): webcrypto.AesGcmParams => ({
  name: 'AES-GCM',
  iv,
  additionalData: aad,
  tagLength: GCM_TAG_BYTES * 8,
});

/** An early datasync every 16 MiB written, see encryptNew. */
const SYNC_EVERY_CHUNKS = 16;

type WriteHandle = Awaited<ReturnType<VaultFs['open']>>;

/** Positional writev until every byte landed (a short write is legal). */
async function writeAll(handle: WriteHandle, parts: Buffer[], position: number): Promise<void> {
  let pos = position;
  let rest = parts.filter((p) => p.length > 0);
  while (rest.length > 0) {
    const { bytesWritten } = await handle.writev(rest, pos);
    pos += bytesWritten;
    let skip = bytesWritten;
    const next: Buffer[] = [];
    for (const p of rest) {
      if (skip >= p.length) skip -= p.length;
      else {
        next.push(skip > 0 ? p.subarray(skip) : p);
        skip = 0;
      }
    }
    rest = next;
  }
}

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

  /**
   * Encrypts `source` (exactly `size` bytes, checked) into a new data file, then writes the meta
   * record. Plaintext only ever sits in memory: the source's pieces are copied into a reused
   * chunk buffer (or sealed in place when a piece is exactly one chunk, as a 1 MiB file stream
   * gives), zero padding is added in memory, and up to WRITES_IN_FLIGHT sealed chunks are being
   * written (positional writev of ciphertext + tag, no concat) while the next one is encrypted.
   */
  async function encryptNew(
    noteId: string,
    meta: { name: string; mime: string; createdAt?: number },
    size: number,
    source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
    mismatch: string,
  ): Promise<AttachmentInfo> {
    session.assertOpen();
    if (!Number.isSafeInteger(size) || size < 0) throw new TikhoError(mismatch);
    if (size > opts.maxBytes) throw new TikhoError('vault/attachment-too-large', { maxBytes: opts.maxBytes });
    const id = opts.newId();
    const salt = random(FILE_SALT_BYTES);
    const prefix = random(NONCE_PREFIX_BYTES);
    const key = deriveAttachmentKey(session.master, session.vaultId, id, salt);
    const aad = aadFor(session.vaultId, id);
    const target = dataPath(id);
    const temp = join(dataDir, `${TEMP_PREFIX}${random(8).toString('hex')}`);
    const padded = paddedLength(size);
    const chunkCount = Math.max(1, Math.ceil(padded / ATTACHMENT_CHUNK_BYTES));
    let chunk = Buffer.allocUnsafe(ATTACHMENT_CHUNK_BYTES);
    const inFlight: Promise<unknown>[] = [];
    let syncing: Promise<unknown> = Promise.resolve();
    /** Every background write/sync gets a handler now (no unhandled rejection) and is awaited later. */
    const track = <T>(p: Promise<T>): Promise<T> => {
      p.catch(() => undefined);
      return p;
    };
    try {
      const cryptoKey = await importGcmKey(key, 'encrypt');
      const handle = await fs.open(temp, 'wx', FILE_MODE);
      try {
        const header = Buffer.alloc(DATA_HEADER_BYTES);
        header.writeUInt16BE(DATA_VERSION, 0);
        salt.copy(header, 2);
        prefix.copy(header, 2 + FILE_SALT_BYTES);
        inFlight.push(track(handle.write(header, 0, header.length, 0)));
        let index = 0;
        let used = 0;
        let taken = 0; // plaintext bytes taken from the source
        /** Takes ownership of `plain` (zeroes it once sealed; the caller must not reuse it). */
        const seal = async (plain: Uint8Array): Promise<void> => {
          if (index >= chunkCount) {
            plain.fill(0);
            throw new TikhoError(mismatch);
          }
          const iv = chunkNonce(prefix, index, index === chunkCount - 1);
          const position = DATA_HEADER_BYTES + index * SEALED_CHUNK_BYTES;
          index++;
          const job = subtle
            .encrypt(gcmParams(iv, aad), cryptoKey, plain)
            .finally(() => plain.fill(0))
            .then((sealed) => writeAll(handle, [Buffer.from(sealed)], position));
          inFlight.push(track(job));
          if (inFlight.length >= WRITES_IN_FLIGHT) await inFlight.shift();
          // Start write-back of what is written so far while encryption goes on, so the final
          // fsync does not flush 100 MB at once (it was most of the encrypt time). Durability
          // still comes from that final fsync; these only move the disk work earlier.
          if (index % SYNC_EVERY_CHUNKS === 0) {
            await syncing;
            syncing = track(Promise.all(inFlight).then(() => handle.datasync()));
          }
        };
        for await (const piece of source) {
          session.assertOpen();
          taken += piece.length;
          if (taken > size) {
            piece.fill(0);
            if (taken > opts.maxBytes)
              throw new TikhoError('vault/attachment-too-large', { maxBytes: opts.maxBytes });
            throw new TikhoError(mismatch);
          }
          // The final flag comes from the index (chunkCount is known from the size), so a full
          // chunk can be sealed as soon as it is complete.
          if (used === 0 && piece.length === ATTACHMENT_CHUNK_BYTES) {
            await seal(piece);
            continue;
          }
          let offset = 0;
          while (offset < piece.length) {
            const n = Math.min(ATTACHMENT_CHUNK_BYTES - used, piece.length - offset);
            chunk.set(piece.subarray(offset, offset + n), used);
            used += n;
            offset += n;
            if (used === ATTACHMENT_CHUNK_BYTES) {
              const full = chunk;
              chunk = Buffer.allocUnsafe(ATTACHMENT_CHUNK_BYTES);
              await seal(full);
              used = 0;
            }
          }
          piece.fill(0);
        }
        if (taken !== size) throw new TikhoError(mismatch);
        // Zero padding to the bucket, so the file length shows only paddedLength(size).
        let left = padded - size;
        while (left > 0 || index < chunkCount) {
          const n = Math.min(ATTACHMENT_CHUNK_BYTES - used, left);
          chunk.fill(0, used, used + n);
          used += n;
          left -= n;
          if (used === ATTACHMENT_CHUNK_BYTES || left === 0) {
            const full = chunk.subarray(0, used);
            chunk = Buffer.allocUnsafe(ATTACHMENT_CHUNK_BYTES);
            await seal(full);
            used = 0;
            if (left === 0) break;
          }
        }
        await Promise.all(inFlight);
        await syncing;
        await handle.sync();
      } finally {
        chunk.fill(0);
        // Never close under a write still running (its error, if any, was already thrown above).
        await Promise.allSettled([...inFlight, syncing]);
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

  async function addFromStream(
    noteId: string,
    meta: { name: string; mime: string; createdAt?: number; size?: number },
    source: AsyncIterable<Uint8Array>,
  ): Promise<AttachmentInfo> {
    if (meta.size !== undefined)
      return encryptNew(noteId, meta, meta.size, source, 'vault/attachment-size-mismatch');
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
      return await encryptNew(noteId, meta, total, parts, 'vault/attachment-size-mismatch');
    } finally {
      for (const p of parts) p.fill(0);
    }
  }

  /**
   * Decrypted plaintext, one chunk at a time. Reads are double-buffered: chunk i+1 is being read
   * by the thread pool while chunk i is authenticated and decrypted here.
   */
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
      const bodyBytes = total - DATA_HEADER_BYTES;
      const expectedPlain = paddedLength(info.size);
      const chunkCount = Math.max(1, Math.ceil(expectedPlain / ATTACHMENT_CHUNK_BYTES));
      if (bodyBytes !== expectedPlain + chunkCount * GCM_TAG_BYTES)
        throw new TikhoError('vault/attachment-damaged');
      const cryptoKey = await importGcmKey(
        deriveAttachmentKey(session.master, session.vaultId, id, salt),
        'decrypt',
      );
      const aad = aadFor(session.vaultId, id);
      const readChunk = async (i: number): Promise<Buffer> => {
        const position = DATA_HEADER_BYTES + i * SEALED_CHUNK_BYTES;
        const want = Math.min(SEALED_CHUNK_BYTES, total - position);
        // Fresh buffer per chunk: it is ciphertext (nothing to wipe) and WebCrypto may still read it.
        const buf = Buffer.allocUnsafe(want);
        let got = 0;
        while (got < want) {
          const r = await handle.read(buf, got, want - got, position + got);
          if (r.bytesRead === 0) throw new TikhoError('vault/attachment-damaged');
          got += r.bytesRead;
        }
        return buf;
      };
      const open = async (i: number): Promise<Buffer> => {
        const sealed = await readChunk(i);
        try {
          const iv = chunkNonce(prefix, i, i === chunkCount - 1);
          return Buffer.from(await subtle.decrypt(gcmParams(iv, aad), cryptoKey, sealed));
        } catch {
          throw new TikhoError('vault/attachment-damaged');
        }
      };
      // Chunks i+1 … i+3 are read and opened on the thread pool while chunk i is handed out.
      const ahead: Promise<Buffer>[] = [];
      let started = 0;
      const fill = (): void => {
        while (started < chunkCount && ahead.length < WRITES_IN_FLIGHT) {
          const p = open(started++);
          p.catch(() => undefined); // awaited in order below
          ahead.push(p);
        }
      };
      try {
        let remaining = info.size;
        for (let i = 0; i < chunkCount; i++) {
          fill();
          const plain = await (ahead.shift() ?? Promise.reject(new TikhoError('vault/attachment-damaged')));
          const real = Math.min(remaining, plain.length);
          remaining -= real;
          if (real === plain.length) yield plain;
          else {
            if (real > 0) yield Buffer.from(plain.subarray(0, real));
            plain.fill(0);
          }
        }
      } finally {
        // A consumer that stops early: wipe whatever was already decrypted ahead.
        for (const p of ahead) void p.then((b) => b.fill(0)).catch(() => undefined);
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
      // The stream yields ATTACHMENT_CHUNK_BYTES pieces, which encryptNew seals without a copy. A
      // file that grows or shrinks while being read is refused rather than half-stored.
      return encryptNew(
        noteId,
        input,
        stat.size,
        createReadStream(input.sourcePath, { highWaterMark: ATTACHMENT_CHUNK_BYTES }),
        'vault/attachment-source-unreadable',
      );
    },
    addFromChunks: (noteId, meta, chunks) =>
      encryptNew(noteId, meta, meta.size, chunks, 'vault/attachment-size-mismatch'),
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
      // Copy each chunk into the result as it arrives, while the thread pool opens the next ones;
      // a concat at the end was a serial 100 MB copy after the last chunk.
      const info = await readMeta(id);
      const out = Buffer.allocUnsafe(info.size);
      let at = 0;
      try {
        for await (const p of stream(id)) {
          if (at + p.length > out.length) throw new TikhoError('vault/attachment-damaged');
          at += p.copy(out, at);
          p.fill(0);
        }
        if (at !== out.length) throw new TikhoError('vault/attachment-damaged');
        return out;
      } catch (err) {
        out.fill(0, 0, at);
        throw err;
      }
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
