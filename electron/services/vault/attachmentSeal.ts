import type { ErrorCode } from '../../../shared/errorCodes';
import { join } from 'node:path';
import { TikhoError } from '../../../shared/errors';
import { removeFileDurably } from './atomicFile';
import {
  aadFor,
  ATTACHMENT_META_COLLECTION,
  chunkLayout,
  DATA_HEADER_BYTES,
  DATA_VERSION,
  FILE_SALT_BYTES,
  type AttachmentContext,
  type AttachmentInfo,
  type ChunkLayout,
} from './attachmentFormat';
import { NONCE_PREFIX_BYTES, SEALED_CHUNK_BYTES, chunkNonce } from './chunkedAead';
import { ATTACHMENT_CHUNK_BYTES, GCM_TAG_BYTES, TEMP_PREFIX } from './formatConstants';
import { allocJobMemory, keyInJobMemory, zeroJobMemory, type GcmJob, type JobMemory } from './gcmJob';
import { deriveAttachmentKey } from './keyDerivation';
import { writeAll, type FileHandle, syncFolder, FILE_MODE } from '../common';
import { readAll } from './vectoredIo';
import { toWriteError } from './writeError';

/**
 * Where the work runs: AES-256-GCM on worker threads (gcmLane.ts), in place in shared memory;
 * writes on the thread pool; the main thread only moves bytes between them. SLOTS chunks are in
 * flight at once (being filled, sealed or written).
 */
const SLOTS = 8;
/** An early datasync every 16 MiB written, so the final fsync does not flush 100 MB at once. */
const SYNC_EVERY_CHUNKS = 16;

/** Plaintext to seal: an open file read straight into the chunk slots, or pieces copied in. */
export type PlainSource = { file: FileHandle } | { pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array> };

interface SealJob {
  ctx: AttachmentContext;
  layout: ChunkLayout;
  handle: FileHandle;
  key: JobMemory;
  prefix: Buffer;
  aad: Buffer;
  data: JobMemory;
  tags: JobMemory;
}

/**
 * The pipeline of one data file: chunk i, once its slot is filled, is sealed in place on the lane
 * and written (positional writev of ciphertext + tag) in the background while the next slots fill.
 */
function chunkPipeline(job: SealJob) {
  const { ctx, layout, handle, key, prefix, aad, data, tags } = job;
  const slotFree: Promise<unknown>[] = Array.from({ length: SLOTS }, () => Promise.resolve());
  const inFlight: Promise<unknown>[] = [];
  let syncing: Promise<unknown> = Promise.resolve();
  /** Every background job/write/sync gets a handler now (no unhandled rejection) and is awaited later. */
  const track = <T>(p: Promise<T>): Promise<T> => {
    p.catch(() => undefined);
    return p;
  };
  return {
    slotOf: (i: number): Buffer =>
      Buffer.from(data, (i % SLOTS) * ATTACHMENT_CHUNK_BYTES, layout.lengthOf(i)),
    writeHeader(salt: Buffer): void {
      const header = Buffer.alloc(DATA_HEADER_BYTES);
      header.writeUInt16BE(DATA_VERSION, 0);
      salt.copy(header, 2);
      prefix.copy(header, 2 + FILE_SALT_BYTES);
      inFlight.push(track(writeAll(handle, [header], 0)));
    },
    /** Seals and writes chunk i once `filled` resolves; returns when slot i+1 is free. */
    async launch(i: number, filled: Promise<void>): Promise<void> {
      const k = i % SLOTS;
      const length = layout.lengthOf(i);
      const gcm: GcmJob = {
        op: 'seal',
        key,
        nonce: chunkNonce(prefix, i, i === layout.chunkCount - 1),
        aad,
        data,
        offset: k * ATTACHMENT_CHUNK_BYTES,
        length,
        tags,
        tagOffset: k * GCM_TAG_BYTES,
      };
      const done = track(
        filled
          .then(() => ctx.runOnLane(gcm))
          .then((ok) => {
            if (!ok) throw new TikhoError('vault/io-error', { errno: 'seal' });
            const parts = [
              Buffer.from(data, gcm.offset, length),
              Buffer.from(tags, gcm.tagOffset, GCM_TAG_BYTES),
            ];
            return writeAll(handle, parts, DATA_HEADER_BYTES + i * SEALED_CHUNK_BYTES);
          }),
      );
      slotFree[k] = done;
      inFlight.push(done);
      if ((i + 1) % SYNC_EVERY_CHUNKS === 0) {
        // Chained, never awaited here: one datasync at a time, and filling goes on meanwhile.
        // Durability still comes from the final fsync.
        const batch = inFlight.splice(0);
        syncing = track(syncing.then(() => Promise.all(batch)).then(() => handle.datasync()));
      }
      if (i + 1 < layout.chunkCount) await slotFree[(i + 1) % SLOTS];
    },
    async finish(): Promise<void> {
      await Promise.all(slotFree);
      await Promise.all(inFlight);
      await syncing;
      await handle.sync();
    },
    /** Never close under a job or write still running (its error, if any, was thrown already). */
    async settle(): Promise<void> {
      await Promise.allSettled([...slotFree, ...inFlight, syncing]);
    },
  };
}
type Pipeline = ReturnType<typeof chunkPipeline>;

async function fillFromFile(
  ctx: AttachmentContext,
  pipe: Pipeline,
  layout: ChunkLayout,
  reader: FileHandle,
  size: number,
  mismatch: ErrorCode,
): Promise<void> {
  for (let i = 0; i < layout.chunkCount; i++) {
    ctx.session.assertActive();
    const slot = pipe.slotOf(i);
    const real = layout.realOf(i);
    const filled = readAll(reader, [slot.subarray(0, real)], i * ATTACHMENT_CHUNK_BYTES, mismatch).then(
      () => void slot.fill(0, real),
    );
    await pipe.launch(i, filled);
  }
  // A file that grew while being read is refused rather than stored cut short.
  const probe = Buffer.alloc(1);
  if ((await reader.read(probe, 0, 1, size)).bytesRead !== 0) throw new TikhoError(mismatch);
}

/** Pieces are copied into the slots and zeroed at once, whatever happens. */
async function fillFromPieces(
  ctx: AttachmentContext,
  pipe: Pipeline,
  layout: ChunkLayout,
  pieces: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  size: number,
  mismatch: ErrorCode,
): Promise<void> {
  let index = 0; // chunk being filled
  let used = 0; // bytes of it filled so far
  let slot = pipe.slotOf(0);
  let taken = 0; // plaintext bytes taken from the source
  const next = async (): Promise<void> => {
    await pipe.launch(index++, Promise.resolve());
    used = 0;
    if (index < layout.chunkCount) slot = pipe.slotOf(index);
  };
  for await (const piece of pieces) {
    try {
      ctx.session.assertActive();
      taken += piece.length;
      if (taken > size) {
        if (taken > ctx.maxBytes)
          throw new TikhoError('vault/attachment-too-large', { maxBytes: ctx.maxBytes });
        throw new TikhoError(mismatch);
      }
      let offset = 0;
      while (offset < piece.length) {
        const n = Math.min(slot.length - used, piece.length - offset);
        slot.set(piece.subarray(offset, offset + n), used);
        used += n;
        offset += n;
        if (used === slot.length) await next();
      }
    } finally {
      piece.fill(0);
    }
  }
  if (taken !== size) throw new TikhoError(mismatch);
  // Zero padding to the bucket, so the file length shows only paddedLength(size).
  while (index < layout.chunkCount) {
    slot.fill(0, used);
    await next();
  }
}

/**
 * Seals `source` (exactly `size` bytes, checked) into the data file of `id`: a temp file renamed
 * into place. Plaintext only ever sits in memory, in SLOTS chunk slots of shared memory; every
 * slot and the key are zeroed at the end, whatever happened.
 */
async function sealDataFile(
  ctx: AttachmentContext,
  id: string,
  size: number,
  source: PlainSource,
  mismatch: ErrorCode,
): Promise<void> {
  const { fs, session, random } = ctx;
  const salt = random(FILE_SALT_BYTES);
  const prefix = random(NONCE_PREFIX_BYTES);
  const key = keyInJobMemory(deriveAttachmentKey(session.master, session.vaultId, id, salt));
  const temp = join(ctx.dataDir, `${TEMP_PREFIX}${random(8).toString('hex')}`);
  const layout = chunkLayout(size);
  const data = allocJobMemory(SLOTS * ATTACHMENT_CHUNK_BYTES);
  const tags = allocJobMemory(SLOTS * GCM_TAG_BYTES);
  try {
    const handle = await fs.open(temp, 'wx', FILE_MODE);
    const pipe = chunkPipeline({
      ctx,
      layout,
      handle,
      key,
      prefix,
      aad: aadFor(session.vaultId, id),
      data,
      tags,
    });
    try {
      pipe.writeHeader(salt);
      if ('file' in source) await fillFromFile(ctx, pipe, layout, source.file, size, mismatch);
      else await fillFromPieces(ctx, pipe, layout, source.pieces, size, mismatch);
      await pipe.finish();
    } finally {
      await pipe.settle();
      await handle.close();
    }
    session.assertActive();
    await fs.rename(temp, ctx.dataPath(id));
    await syncFolder(fs, ctx.dataDir);
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err instanceof TikhoError ? err : toWriteError(err);
  } finally {
    zeroJobMemory(key);
    zeroJobMemory(data);
  }
}

/** A new attachment: its data file first, then its meta record (see attachmentFormat.ts). */
export async function encryptNew(
  ctx: AttachmentContext,
  noteId: string,
  meta: { name: string; mime: string; createdAt?: number },
  size: number,
  source: PlainSource,
  mismatch: ErrorCode,
): Promise<AttachmentInfo> {
  ctx.session.assertActive();
  if (!Number.isSafeInteger(size) || size < 0) throw new TikhoError(mismatch);
  if (size > ctx.maxBytes) throw new TikhoError('vault/attachment-too-large', { maxBytes: ctx.maxBytes });
  const id = ctx.newId();
  await sealDataFile(ctx, id, size, source, mismatch);
  const info: AttachmentInfo = {
    id,
    noteId,
    name: meta.name,
    mime: meta.mime,
    size,
    createdAt: meta.createdAt ?? ctx.clock(),
  };
  try {
    await ctx.records.write(ATTACHMENT_META_COLLECTION, id, Buffer.from(JSON.stringify(info), 'utf8'));
  } catch (err) {
    await removeFileDurably(ctx.fs, ctx.dataPath(id)).catch(() => undefined);
    throw err;
  }
  return info;
}
