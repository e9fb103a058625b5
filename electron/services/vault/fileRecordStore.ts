import { join } from 'node:path';
import { TikhoError } from '../../../shared/errors';
import { writeFileAtomic } from './atomicFile';
import { GCM_NONCE_BYTES, MANIFEST_FILE } from './formatConstants';
import { anchorKey, createFileManifestAnchor, type ManifestAnchor } from './manifestAnchor';
import { loadManifest, type IndexNotice } from './manifestLoad';
import type { EncryptedRecordStore } from './recordStore';
import { readAllOf, readEntrySync, readLiveCopy, type RecordReadResult } from './recordStoreRead';
import {
  acknowledgeNotice,
  createRecordStoreState,
  isLive,
  liveEntry,
  persistManifest,
  writeAnchor,
} from './recordStoreState';
import { startSweep } from './recordStoreSweep';
import { removeRecord, writeRecord } from './recordStoreWrite';
import { sealManifest } from './revisionManifest';
import type { VaultSession } from './vaultSession';
import type { WarnLogger } from '../log';
import { type FileSystem } from '../common';

const COLLECTION_RE = /^[a-z][a-z0-9-]{0,31}$/;
const MAX_ID_BYTES = 256;

export type { RecordReadResult } from './recordStoreRead';

export interface FileRecordStore extends EncryptedRecordStore {
  read(collection: string, id: string): Promise<Buffer | null>;
  /**
   * Reads every live record of a collection, or only `ids` of it (unlock path); damaged ones come
   * back as codes. Blocking reads in batches, see readAll's body.
   */
  readAll(collection: string, ids?: readonly string[]): Promise<RecordReadResult[]>;
  /** One record, read and checked synchronously (a note opened before the background load got to it). */
  readSync(collection: string, id: string): RecordReadResult | null;
  /** Revision the manifest holds for a live record, else null (summary validation). */
  revision(collection: string, id: string): number | null;
  /** Resolves when the post-unlock sweep (temp files, leftover tombstoned files) finished. */
  swept(): Promise<void>;
  /** Zeroes the in-memory manifest plaintext (lock, after flush). */
  wipe(): void;
  /** Resolves when every queued write finished (lock flushes through this). */
  flush(): Promise<void>;
  /** Collections with at least one live record. */
  collections(): string[];
  /** Generation of the manifest last written (a key rotation's new manifest goes one past it). */
  generation(): bigint;
  /** What the person must be told about the manifest (rollback, rebuild), until acknowledged. */
  notice(): IndexNotice | null;
  /** The person chose to continue: the current manifest becomes the newest the anchor knows. */
  acknowledgeNotice(): Promise<void>;
}

export interface FileRecordStoreOptions {
  fs: FileSystem;
  dir: string;
  session: VaultSession;
  random: (n: number) => Buffer;
  logger?: WarnLogger;
  /** Where the manifest generation is anchored; default its own in-place file (manifestAnchor.ts). */
  anchor?: ManifestAnchor;
}

function assertAddress(collection: string, id: string): void {
  if (!COLLECTION_RE.test(collection)) throw new TikhoError('vault/invalid-record-address');
  const idBytes = Buffer.byteLength(id, 'utf8');
  if (idBytes < 1 || idBytes > MAX_ID_BYTES) throw new TikhoError('vault/invalid-record-address');
}

/** Writes a fresh, empty manifest (vault creation and import), generation 1, and its anchor. */
export async function writeEmptyManifest(opts: FileRecordStoreOptions): Promise<void> {
  const { session } = opts;
  const sealed = sealManifest(
    session.subkeys.manifest,
    opts.random(GCM_NONCE_BYTES),
    session.vaultId,
    [],
    1n,
  );
  await writeFileAtomic(opts.fs, join(opts.dir, MANIFEST_FILE), sealed);
  const key = opts.anchor ? null : anchorKey(session.subkeys.prk, session.vaultId);
  try {
    await (opts.anchor ?? createFileManifestAnchor(opts.fs, opts.dir, key ?? Buffer.alloc(0))).write(1n);
  } finally {
    key?.fill(0);
  }
}

/**
 * Opens the record store of an unlocked vault: loads the manifest and repairs what a crash can
 * leave behind (pending entries whose file never arrived at once; tombstoned files not yet
 * unlinked and temp files in the background sweep). Its parts share one RecordStoreState
 * (recordStoreState.ts): reads in recordStoreRead.ts, writes and their crash-safe order in
 * recordStoreWrite.ts.
 */
export async function openFileRecordStore(opts: FileRecordStoreOptions): Promise<FileRecordStore> {
  const { fs, dir, session, random } = opts;
  const ownAnchorKey = opts.anchor ? null : anchorKey(session.subkeys.prk, session.vaultId);
  const anchor = opts.anchor ?? createFileManifestAnchor(fs, dir, ownAnchorKey ?? Buffer.alloc(0));
  const loaded = await loadManifest({ fs, dir, session, anchor, random }).catch((err: unknown) => {
    ownAnchorKey?.fill(0);
    throw err;
  });
  const st = createRecordStoreState(opts, loaded, anchor);
  const enqueue = <T>(task: () => Promise<T>): Promise<T> => st.queue.run(task);
  const sweep = startSweep(st);

  const store: FileRecordStore = {
    async read(collection, id) {
      session.assertOpen();
      assertAddress(collection, id);
      return readLiveCopy(st, collection, id);
    },
    write(collection, id, data) {
      session.assertOpen();
      assertAddress(collection, id);
      const copy = Buffer.from(data);
      return enqueue(() => writeRecord(st, collection, id, copy));
    },
    remove(collection, id) {
      session.assertOpen();
      assertAddress(collection, id);
      return enqueue(() => removeRecord(st, collection, id));
    },
    list(collection) {
      session.assertOpen();
      const ids: string[] = [];
      for (const e of st.entries.values()) if (e.collection === collection && isLive(e)) ids.push(e.id);
      return Promise.resolve(ids);
    },
    readAll: (collection, ids) => readAllOf(st, collection, ids),
    readSync(collection, id) {
      session.assertOpen();
      const e = liveEntry(st, collection, id);
      return e ? readEntrySync(st, e) : null;
    },
    revision: (collection, id) => liveEntry(st, collection, id)?.revision ?? null,
    swept: () => sweep,
    wipe: () => {
      loaded.image.wipe();
      ownAnchorKey?.fill(0);
    },
    notice: () => st.notice,
    acknowledgeNotice: () => enqueue(() => acknowledgeNotice(st, loaded.anchorGeneration ?? 0n)),
    async flush() {
      await st.queue.idle();
      if (st.manifestDirty && session.isOpen())
        await enqueue(() => persistManifest(st)).catch(() => undefined);
    },
    generation: () => st.generation,
    collections: () => {
      const names = new Set<string>();
      for (const e of st.entries.values()) if (isLive(e)) names.add(e.collection);
      return [...names];
    },
  };
  if (loaded.persistNow) await enqueue(() => persistManifest(st)).catch(() => undefined);
  else if (loaded.repairAnchor !== null) await writeAnchor(st, loaded.repairAnchor);
  return store;
}
