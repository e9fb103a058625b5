import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import { openGcm, sealGcm } from './aead';
import { GCM_NONCE_BYTES, GCM_TAG_BYTES, TEMP_PREFIX } from './formatConstants';
import { errnoOf, syncFolder, writeFileAtomic, type FileSystem } from '../common';

/**
 * One preallocated file of exactly 2 × copyBytes whose two copies (A at 0, B at copyBytes) are
 * overwritten in place, never replaced by a rename. Why: temp-file + rename puts every new version
 * in fresh blocks and leaves the old one in free space, where a disk image keeps it; an in-place
 * overwrite of an ext4/NTFS/APFS-on-HDD file rewrites the same blocks (SSD FTLs and CoW file
 * systems — btrfs, ZFS, APFS snapshots — may still keep old blocks: docs/vault-format.md §Limits).
 *
 * Crash safety: each write goes to the copy that is NOT the newest, so a torn write can only
 * damage the older copy; the newest stays readable. Which copy is newest is told by a generation
 * counter that lives INSIDE the caller's authenticated bytes (sealCopy below, or the vault
 * header's slots), so nothing unkeyed tells an observer what the file is or how often it changed.
 *
 * Durability, per OS: durabilityFor (services/common/durability.ts) holds the choice. sync() is fsync on Linux,
 * F_FULLFSYNC on macOS (through libuv, with its fallbacks) and FlushFileBuffers on Windows; Node
 * has no O_DIRECT/FILE_FLAG_WRITE_THROUGH, so sync() is the strongest barrier available. A folder
 * is fsynced only off Windows. Node cannot ask for a TRIM/discard or learn whether the blocks
 * really were rewritten in place.
 */
/** What of the one file-system port (common/fileSystem.ts) an in-place file uses. */
export type InPlaceFs = Pick<FileSystem, 'open' | 'rename' | 'unlink'>;

export type CopyIndex = 0 | 1;

function asBuffer(b: Uint8Array): Buffer {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

function checkSize(data: Uint8Array, copyBytes: number): void {
  if (!Number.isSafeInteger(copyBytes) || copyBytes <= 0 || data.length !== copyBytes) {
    throw new RangeError(`in-place copy must be exactly ${copyBytes} bytes`);
  }
}

/**
 * Creates the file once: `first` in copy A, random bytes of the same size in copy B (so an unused
 * copy looks like a used one), through temp file + fsync + rename + folder fsync. The file is new,
 * so this rename leaves no older version of it anywhere.
 */
export async function createInPlaceFile(
  fs: InPlaceFs,
  path: string,
  copyBytes: number,
  first: Uint8Array,
): Promise<void> {
  checkSize(first, copyBytes);
  await writeFileAtomic(fs, path, [first, randomBytes(copyBytes)], TEMP_PREFIX);
}

type Handle = Awaited<ReturnType<InPlaceFs['open']>>;

async function writeFully(handle: Handle, data: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < data.length) {
    const { bytesWritten } = await handle.write(data, done, data.length - done, position + done);
    done += bytesWritten;
  }
}

/** Both copies, or null when the file is missing or not exactly 2 × copyBytes long. */
export async function readInPlaceCopies(
  fs: Pick<InPlaceFs, 'open'>,
  path: string,
  copyBytes: number,
): Promise<[Buffer, Buffer] | null> {
  let handle: Handle;
  try {
    handle = await fs.open(path, 'r');
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return null;
    throw err;
  }
  try {
    const { size } = await handle.stat();
    if (size !== 2 * copyBytes) return null;
    const whole = Buffer.alloc(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await handle.read(whole, done, size - done, done);
      if (bytesRead === 0) return null;
      done += bytesRead;
    }
    return [whole.subarray(0, copyBytes), whole.subarray(copyBytes)];
  } finally {
    await handle.close();
  }
}

/**
 * Overwrites one copy in place ('r+': no O_TRUNC, so the file keeps its blocks) and syncs it
 * before returning. The caller passes the index chooseCopy gave as `next`.
 */
export async function overwriteCopy(
  fs: Pick<InPlaceFs, 'open'>,
  path: string,
  copyBytes: number,
  index: CopyIndex,
  data: Uint8Array,
): Promise<void> {
  checkSize(data, copyBytes);
  const handle = await fs.open(path, 'r+');
  try {
    const { size } = await handle.stat();
    if (size !== 2 * copyBytes) throw new RangeError('in-place file has the wrong size');
    await writeFully(handle, asBuffer(data), index * copyBytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface OpenedCopy<T> {
  generation: bigint;
  value: T;
}

export interface CopyChoice<T> {
  /** The newest authentic copy, or null when neither opens (wrong key, or both destroyed). */
  current: (OpenedCopy<T> & { index: CopyIndex }) | null;
  /** Where the next write goes: never over the newest copy. */
  next: CopyIndex;
}

/**
 * Opens both copies (always both, so timing does not tell which one is live) and picks the
 * higher generation. With no authentic copy the next write goes to A.
 */
export function chooseCopy<T>(
  copies: readonly [Uint8Array, Uint8Array],
  open: (bytes: Uint8Array, index: CopyIndex) => OpenedCopy<T> | null,
): CopyChoice<T> {
  const a = open(copies[0], 0);
  const b = open(copies[1], 1);
  let current: CopyChoice<T>['current'] = null;
  if (a && (!b || a.generation >= b.generation)) current = { ...a, index: 0 };
  else if (b) current = { ...b, index: 1 };
  return { current, next: current?.index === 0 ? 1 : 0 };
}

/** Sealed copy: nonce 12 | AES-256-GCM(generation u64 BE | payload) | tag 16. */
export function sealedCopyBytes(payloadBytes: number): number {
  return GCM_NONCE_BYTES + 8 + payloadBytes + GCM_TAG_BYTES;
}

/**
 * For callers that hold one key for the whole file (a channel epoch key file): the generation is
 * inside the ciphertext, the copy index and a caller label are the AAD, so a copy moved from A to
 * B or between files fails. The output is indistinguishable from random without the key.
 */
export function sealCopy(
  key: Buffer,
  label: string,
  index: CopyIndex,
  generation: bigint,
  payload: Uint8Array,
): Buffer {
  const plain = Buffer.alloc(8 + payload.length);
  plain.writeBigUInt64BE(generation, 0);
  plain.set(payload, 8);
  try {
    return sealGcm(key, randomBytes(GCM_NONCE_BYTES), plain, copyAad(label, index));
  } finally {
    plain.fill(0);
  }
}

export function openSealedCopy(
  key: Buffer,
  label: string,
  index: CopyIndex,
  sealed: Uint8Array,
): OpenedCopy<Buffer> | null {
  const plain = openGcm(key, sealed, copyAad(label, index));
  if (!plain || plain.length < 8) return null;
  const value = Buffer.from(plain.subarray(8));
  const generation = plain.readBigUInt64BE(0);
  plain.fill(0);
  return { generation, value };
}

function copyAad(label: string, index: CopyIndex): Buffer {
  return Buffer.concat([Buffer.from(`tikho/in-place/${label}`, 'utf8'), Buffer.from([0, index])]);
}

/**
 * Destroys the file: both copies overwritten with random bytes in place and synced, then unlinked
 * and the folder synced. A missing file is not an error.
 */
export async function wipeInPlaceFile(fs: InPlaceFs, path: string): Promise<void> {
  let handle: Handle;
  try {
    handle = await fs.open(path, 'r+');
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return;
    throw err;
  }
  try {
    const { size } = await handle.stat();
    await writeFully(handle, randomBytes(size), 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.unlink(path);
  await syncFolder(fs, dirname(path));
}
