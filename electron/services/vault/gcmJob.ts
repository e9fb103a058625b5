import { createCipheriv, createDecipheriv } from 'node:crypto';
import { GCM_TAG_BYTES } from './formatConstants';

/**
 * One AES-256-GCM operation done in place in shared memory, so it can run on a worker thread
 * without copying plaintext or keys through messages: `seal` replaces the plaintext at
 * data[offset, offset + length) with its ciphertext and writes the tag at tags[tagOffset];
 * `open` checks the tag there and replaces the ciphertext with the plaintext, or zeroes the
 * region if the tag does not verify (unauthenticated plaintext never outlives the job).
 */
export interface GcmJob {
  op: 'seal' | 'open';
  /** 32 bytes; shared so the key is never serialized into a message. */
  key: JobMemory;
  nonce: Uint8Array;
  aad: Uint8Array;
  data: JobMemory;
  offset: number;
  length: number;
  tags: JobMemory;
  tagOffset: number;
}

/**
 * Memory a job runs in: shared, so a worker thread works on the very bytes (no copy of keys or
 * plaintext through a message). Where a runtime offers no SharedArrayBuffer (some embedders turn
 * it off), plain memory, and such jobs run on the calling thread (see gcmLane.ts).
 */
export type JobMemory = SharedArrayBuffer | ArrayBuffer;

export function allocJobMemory(bytes: number): JobMemory {
  return typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes);
}

/** Whether every buffer of the job is shared, i.e. a worker would see the same bytes. */
export function isSharedJob(job: GcmJob): boolean {
  if (typeof SharedArrayBuffer !== 'function') return false;
  return [job.key, job.data, job.tags].every((m) => m instanceof SharedArrayBuffer);
}

/**
 * Largest slice given to one cipher update. Node allocates a fresh output buffer per update; at
 * 1 MiB that is a fresh mmap whose pages fault in one by one (about as costly as the AES itself on
 * the machines measured), while 64 KiB outputs come from malloc's reused, cache-warm memory.
 */
export const GCM_SLICE_BYTES = 64 * 1024;

/** Moves a key into job memory: the copy there is the only one left (zero it with zeroJobMemory). */
export function keyInJobMemory(key: Buffer): JobMemory {
  const memory = allocJobMemory(key.length);
  Buffer.from(memory).set(key);
  key.fill(0);
  return memory;
}

const ZEROES = Buffer.alloc(GCM_SLICE_BYTES);
/** Zeroes bytes of job memory by copying zeroes in (Buffer#fill on shared memory is ~5× slower). */
export function zeroBytes(b: Buffer): void {
  for (let o = 0; o < b.length; o += ZEROES.length) ZEROES.copy(b, o);
}

export function zeroJobMemory(memory: JobMemory): void {
  zeroBytes(Buffer.from(memory));
}

/**
 * The job on the calling thread. gcmWorkerSource.ts holds the same steps for the worker (it has
 * to be plain JavaScript there); tests run every job through both and compare the bytes.
 */
export function runGcmJob(job: GcmJob): boolean {
  const key = Buffer.from(job.key, 0, 32);
  const region = Buffer.from(job.data, job.offset, job.length);
  const tag = Buffer.from(job.tags, job.tagOffset, GCM_TAG_BYTES);
  let ok = false;
  try {
    const opts = { authTagLength: GCM_TAG_BYTES };
    const c =
      job.op === 'seal'
        ? createCipheriv('aes-256-gcm', key, job.nonce, opts)
        : createDecipheriv('aes-256-gcm', key, job.nonce, opts);
    c.setAAD(job.aad);
    if (job.op === 'open' && 'setAuthTag' in c) c.setAuthTag(tag);
    for (let o = 0; o < region.length; o += GCM_SLICE_BYTES) {
      const slice = region.subarray(o, o + GCM_SLICE_BYTES);
      const out = c.update(slice);
      // GCM is a stream mode: OpenSSL returns exactly as many bytes as it was given.
      if (out.length !== slice.length) throw new Error('short cipher update');
      out.copy(slice);
      // Only an opened slice is secret; a sealed one is ciphertext, about to be written out.
      if (job.op === 'open') out.fill(0);
    }
    c.final();
    if (job.op === 'seal' && 'getAuthTag' in c) c.getAuthTag().copy(tag);
    ok = true;
  } catch {
    // A tag that does not verify; reported as `false`.
  }
  if (!ok && job.op === 'open') region.fill(0);
  return ok;
}
