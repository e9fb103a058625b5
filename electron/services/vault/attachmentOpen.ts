import { TikhoError } from '../../../shared/errors';
import {
  aadFor,
  chunkLayout,
  DATA_HEADER_BYTES,
  DATA_VERSION,
  FILE_SALT_BYTES,
  type AttachmentContext,
  type AttachmentInfo,
} from './attachmentFormat';
import { SEALED_CHUNK_BYTES, chunkNonce } from './chunkedAead';
import { ATTACHMENT_CHUNK_BYTES, GCM_TAG_BYTES } from './formatConstants';
import {
  allocJobMemory,
  keyInJobMemory,
  zeroBytes,
  zeroJobMemory,
  type GcmJob,
  type JobMemory,
} from './gcmJob';
import { deriveAttachmentKey } from './keyDerivation';
import { readAll } from './vectoredIo';
import { errnoOf, type FileHandle } from '../common';

/** One readv per CHUNKS_PER_READ chunks, which lie back to back in the file. */
const CHUNKS_PER_READ = 2;
/** Groups read and opened ahead of the one being yielded, so reads, opens and the consumer overlap. */
const READ_GROUPS_AHEAD = 4;
const DAMAGED = 'vault/attachment-damaged';

type OpenedChunk = { start: number; plain: Buffer };
export type PlaceFor = (start: number, length: number) => { data: JobMemory; offset: number };

interface OpenPlan {
  ctx: AttachmentContext;
  handle: FileHandle;
  key: JobMemory;
  prefix: Buffer;
  aad: Buffer;
  plainBytes: number;
  chunkCount: number;
  placeFor: PlaceFor;
}

/** One readv for the chunks from `first` on, then one open job per chunk; rejects on any bad tag. */
function openGroup(plan: OpenPlan, first: number): { next: number; group: Promise<OpenedChunk[]> } {
  const { ctx, handle, key, prefix, aad, plainBytes, chunkCount, placeFor } = plan;
  const tags = allocJobMemory(CHUNKS_PER_READ * GCM_TAG_BYTES);
  const jobs: GcmJob[] = [];
  const chunks: OpenedChunk[] = [];
  let i = first;
  while (i < chunkCount && jobs.length < CHUNKS_PER_READ) {
    const start = i * ATTACHMENT_CHUNK_BYTES;
    const length = Math.min(ATTACHMENT_CHUNK_BYTES, plainBytes - start);
    const { data, offset } = placeFor(start, length);
    jobs.push({
      op: 'open',
      key,
      nonce: chunkNonce(prefix, i, i === chunkCount - 1),
      aad,
      data,
      offset,
      length,
      tags,
      tagOffset: jobs.length * GCM_TAG_BYTES,
    });
    chunks.push({ start, plain: Buffer.from(data, offset, length) });
    i++;
  }
  const parts = chunks.flatMap((c, j) => [c.plain, Buffer.from(tags, j * GCM_TAG_BYTES, GCM_TAG_BYTES)]);
  const group = readAll(handle, parts, DATA_HEADER_BYTES + first * SEALED_CHUNK_BYTES, DAMAGED)
    .then(() => Promise.all(jobs.map((job) => ctx.runOnLane(job))))
    .then((verified) => {
      if (!verified.every(Boolean)) {
        for (const c of chunks) zeroBytes(c.plain);
        throw new TikhoError(DAMAGED);
      }
      return chunks;
    });
  group.catch(() => undefined); // awaited in order by the caller
  return { next: i, group };
}

/**
 * Opens the data file of `info` and yields its chunks once authenticated, in order. Each chunk's
 * ciphertext is read straight into the shared memory `placeFor` gives (the caller's output, or a
 * fresh buffer) and opened there on the GCM lane; reads and opens of the next chunks run
 * meanwhile. `start` and `length` are the chunk's offset and length in the padded plaintext.
 */
export async function* openedChunks(
  ctx: AttachmentContext,
  info: AttachmentInfo,
  placeFor: PlaceFor,
): AsyncGenerator<OpenedChunk> {
  const { session } = ctx;
  const handle = await ctx.fs.open(ctx.dataPath(info.id), 'r').catch((err: unknown) => {
    throw errnoOf(err) === 'ENOENT' ? new TikhoError(DAMAGED) : err;
  });
  const groups: Promise<OpenedChunk[]>[] = [];
  let unyielded: OpenedChunk[] = [];
  let key: JobMemory | null = null;
  try {
    const total = (await handle.stat()).size;
    const header = Buffer.alloc(DATA_HEADER_BYTES);
    await readAll(handle, [header], 0, DAMAGED);
    if (header.readUInt16BE(0) !== DATA_VERSION) throw new TikhoError(DAMAGED);
    const salt = header.subarray(2, 2 + FILE_SALT_BYTES);
    const prefix = header.subarray(2 + FILE_SALT_BYTES);
    const { padded: plainBytes, chunkCount } = chunkLayout(info.size);
    if (total - DATA_HEADER_BYTES !== plainBytes + chunkCount * GCM_TAG_BYTES) throw new TikhoError(DAMAGED);
    key = keyInJobMemory(deriveAttachmentKey(session.master, session.vaultId, info.id, salt));
    const plan: OpenPlan = {
      ctx,
      handle,
      key,
      prefix,
      aad: aadFor(session.vaultId, info.id),
      plainBytes,
      chunkCount,
      placeFor,
    };
    let started = 0;
    while (started < chunkCount || groups.length > 0) {
      while (started < chunkCount && groups.length <= READ_GROUPS_AHEAD) {
        const { next, group } = openGroup(plan, started);
        started = next;
        groups.push(group);
      }
      unyielded = await (groups.shift() ?? Promise.reject(new TikhoError(DAMAGED)));
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
