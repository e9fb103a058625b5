import { z } from 'zod';
import { TikhoError } from '../../../shared/errors';
import { NONCE_PREFIX_BYTES } from './chunkedAead';
import { RECORD_COLLECTIONS } from './collections';
import type { FileRecordStore } from './fileRecordStore';
import { ATTACHMENT_CHUNK_BYTES } from './formatConstants';
import type { GcmJob } from './gcmJob';
import type { GcmLane } from './gcmLane';
import { encodeParts } from './keyDerivation';
import { paddedLength } from './padding';
import type { VaultSession } from './vaultSession';
import { type FileSystem } from '../common';

/**
 * Attachment bytes are one file each under attachments/, name = HMAC(file-name key,
 * "attachment-data" || id); metadata (note, name, mime, real size) is an ordinary encrypted record.
 * Data file: version u16 | file salt 32 | nonce prefix 7 | STREAM chunks of
 * (plaintext || zero padding to paddedLength(size)). Write order: data file (atomic) → meta record;
 * a crash in between leaves an orphan data file that sweepOrphans() deletes at the next unlock.
 */
export const ATTACHMENT_META_COLLECTION = RECORD_COLLECTIONS.vault.attachmentMeta;
export const DATA_VERSION = 1;
export const FILE_SALT_BYTES = 32;
export const DATA_HEADER_BYTES = 2 + FILE_SALT_BYTES + NONCE_PREFIX_BYTES;

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

export interface AttachmentStoreOptions {
  fs: FileSystem;
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
}

/** What sealing and opening need of the store they work for. */
export interface AttachmentContext extends Omit<AttachmentStoreOptions, 'dir' | 'gcm'> {
  dataDir: string;
  dataPath: (id: string) => string;
  /** A job on the GCM lane; a dead worker becomes vault/io-error, never a raw error. */
  runOnLane: (job: GcmJob) => Promise<boolean>;
}

export function laneRunner(lane: GcmLane): (job: GcmJob) => Promise<boolean> {
  return (job) =>
    lane.run(job).catch(() => {
      throw new TikhoError('vault/io-error', { errno: 'gcm-worker' });
    });
}

export function aadFor(vaultId: Buffer, id: string): Buffer {
  const v = Buffer.alloc(2);
  v.writeUInt16BE(DATA_VERSION);
  return Buffer.concat([encodeParts(['tikho/v1/attachment']), v, encodeParts([vaultId, id])]);
}

/** How `size` plaintext bytes lie in chunks once padded to their bucket. */
export interface ChunkLayout {
  padded: number;
  chunkCount: number;
  /** Padded bytes of chunk i. */
  lengthOf(i: number): number;
  /** Real (unpadded) bytes of chunk i. */
  realOf(i: number): number;
}

export function chunkLayout(size: number): ChunkLayout {
  const padded = paddedLength(size);
  const lengthOf = (i: number): number =>
    Math.min(ATTACHMENT_CHUNK_BYTES, padded - i * ATTACHMENT_CHUNK_BYTES);
  return {
    padded,
    chunkCount: Math.max(1, Math.ceil(padded / ATTACHMENT_CHUNK_BYTES)),
    lengthOf,
    realOf: (i) => Math.max(0, Math.min(lengthOf(i), size - i * ATTACHMENT_CHUNK_BYTES)),
  };
}
