import { join } from 'node:path';
import { writeFileAtomic } from './atomicFile';
import { GCM_NONCE_BYTES, MANIFEST_FILE, RECORDS_DIR } from './formatConstants';
import { recordFileName } from './keyDerivation';
import type { ManifestAnchor } from './manifestAnchor';
import type { IndexNotice, LoadedManifest } from './manifestLoad';
import { ENTRY_DELETED, ENTRY_PENDING, type ManifestEntry } from './revisionManifest';
import type { VaultSession } from './vaultSession';
import { createSerialQueue, type FileSystem } from '../common';
import type { WarnLogger } from '../log';

/**
 * The record store's memory of the manifest and how it is written back: one object shared by the
 * read path (recordStoreRead.ts), the write path (recordStoreWrite.ts) and the post-unlock sweep
 * (recordStoreSweep.ts).
 */
export interface RecordStoreState {
  readonly fs: FileSystem;
  readonly recordsDir: string;
  readonly manifestPath: string;
  readonly session: VaultSession;
  readonly random: (n: number) => Buffer;
  readonly logger: WarnLogger | undefined;
  readonly loaded: LoadedManifest;
  readonly anchor: ManifestAnchor;
  /** Every entry by entryKey(), tombstones included. */
  readonly entries: Map<string, ManifestEntry>;
  /** Entries changed since the last manifest write: only these are patched into the image. */
  readonly touched: Set<ManifestEntry>;
  /** Writes (and the manifest writes they cause) run one at a time, in order. */
  readonly queue: ReturnType<typeof createSerialQueue>;
  manifestDirty: boolean;
  generation: bigint;
  holdAnchor: boolean;
  notice: IndexNotice | null;
}

export const entryKey = (collection: string, id: string): string => `${collection}\u0000${id}`;

export function createRecordStoreState(
  opts: {
    fs: FileSystem;
    dir: string;
    session: VaultSession;
    random: (n: number) => Buffer;
    logger?: WarnLogger;
  },
  loaded: LoadedManifest,
  anchor: ManifestAnchor,
): RecordStoreState {
  const st: RecordStoreState = {
    fs: opts.fs,
    recordsDir: join(opts.dir, RECORDS_DIR),
    manifestPath: join(opts.dir, MANIFEST_FILE),
    session: opts.session,
    random: opts.random,
    logger: opts.logger,
    loaded,
    anchor,
    entries: new Map(),
    touched: new Set(),
    queue: createSerialQueue(),
    manifestDirty: false,
    generation: loaded.generation,
    holdAnchor: loaded.holdAnchor,
    notice: loaded.notice,
  };
  for (const e of loaded.image.decoded) {
    // File names are HMACs (one per entry, ~5 µs each): computed when first needed, not here.
    st.entries.set(entryKey(e.collection, e.id), { ...e, fileName: '' });
  }
  loaded.image.decoded.length = 0;
  for (const r of loaded.recovered) {
    const k = entryKey(r.collection, r.id);
    const tomb = st.entries.get(k);
    // An old file of a deleted record stays deleted; only a file newer than the tombstone revives.
    if (tomb && r.revision <= tomb.revision) continue;
    const e: ManifestEntry = { ...r, flags: 0, ...(tomb ? { offset: tomb.offset } : {}) };
    st.entries.set(k, e);
    markTouched(st, e);
  }
  // Crash repair that decides what is live must happen now: a PENDING entry whose file never
  // arrived becomes a tombstone. The listing was taken before this session wrote anything.
  for (const e of st.entries.values()) {
    if (e.flags & ENTRY_PENDING && !(e.flags & ENTRY_DELETED)) {
      e.flags = loaded.onDisk.has(nameOf(st, e)) ? 0 : ENTRY_DELETED;
      markTouched(st, e);
    }
  }
  return st;
}

export function markTouched(st: RecordStoreState, e: ManifestEntry): void {
  st.touched.add(e);
  st.manifestDirty = true;
}

export function nameOf(st: RecordStoreState, e: ManifestEntry): string {
  if (e.fileName === '') e.fileName = recordFileName(st.session.subkeys.fileNames, e.collection, e.id);
  return e.fileName;
}

export function isLive(e: ManifestEntry): boolean {
  return !(e.flags & (ENTRY_DELETED | ENTRY_PENDING));
}

/** A record that exists (a pending create counts: its file may be read back). */
export function liveEntry(st: RecordStoreState, collection: string, id: string): ManifestEntry | undefined {
  const e = st.entries.get(entryKey(collection, id));
  return e && !(e.flags & ENTRY_DELETED) ? e : undefined;
}

export async function writeAnchor(st: RecordStoreState, g: bigint): Promise<void> {
  // The manifest is already written: failing the save now would leave memory and disk apart.
  // A lagging anchor only weakens detection until the next write succeeds.
  await st.anchor.write(g).catch(() => st.logger?.warn('vault: rollback anchor not written'));
}

export async function persistManifest(st: RecordStoreState): Promise<void> {
  const { image } = st.loaded;
  image.sync(st.touched);
  st.touched.clear();
  // Held (rollback not acknowledged): the restored generation is kept, so the next unlock still
  // sees the manifest behind the anchor.
  const next = st.holdAnchor ? st.generation : st.generation + 1n;
  const sealed = image.seal(
    st.session.subkeys.manifest,
    st.random(GCM_NONCE_BYTES),
    st.session.vaultId,
    next,
  );
  await writeFileAtomic(st.fs, st.manifestPath, sealed);
  st.generation = next;
  st.manifestDirty = false;
  // After the manifest, never before: a crash in between leaves the anchor behind, not ahead
  // (behind is repaired at the next open; ahead would look like a rollback).
  if (!st.holdAnchor) await writeAnchor(st, next);
}

/**
 * The person saw the rollback notice: it is dropped and, if the anchor was held at the restored
 * generation, the manifest is written above both so the anchor moves on.
 */
export async function acknowledgeNotice(st: RecordStoreState, anchorGeneration: bigint): Promise<void> {
  st.session.assertOpen();
  if (!st.notice) return;
  st.notice = null;
  if (!st.holdAnchor) return;
  st.holdAnchor = false;
  // Above both, so the anchor moves past the generation it held.
  if (anchorGeneration > st.generation) st.generation = anchorGeneration;
  await persistManifest(st);
}
