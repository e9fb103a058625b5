import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { TikhoError } from '../../../shared/errors';
import { readIfExists, removeFileDurably, writeFileAtomic } from './atomicFile';
import { GCM_NONCE_BYTES, MANIFEST_FILE, RECORDS_DIR, TEMP_PREFIX } from './formatConstants';
import { deriveRecordKeyFromPrk, recordFileName } from './keyDerivation';
import { anchorKey, createFileManifestAnchor, type ManifestAnchor } from './manifestAnchor';
import { loadManifest, type IndexNotice } from './manifestLoad';
import { addressKey, openRecord, recordAad, sealAddressedRecord } from './recordCodec';
import type { EncryptedRecordStore } from './recordStore';
import { ENTRY_DELETED, ENTRY_PENDING, sealManifest, type ManifestEntry } from './revisionManifest';
import type { VaultFs } from './vaultFs';
import type { VaultSession } from './vaultSession';
import { createSerialQueue } from '../common';
import type { WarnLogger } from '../log';

const COLLECTION_RE = /^[a-z][a-z0-9-]{0,31}$/;
const MAX_ID_BYTES = 256;

export type RecordReadResult =
  | { id: string; ok: true; data: Buffer }
  | { id: string; ok: false; code: 'vault/record-damaged' | 'vault/record-replayed' };

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
  fs: VaultFs;
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

const entryKey = (collection: string, id: string): string => `${collection}\u0000${id}`;

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
 * leave behind (pending entries whose file never arrived, tombstoned files not yet unlinked,
 * temp files). Write order (see docs/vault-format.md §Crash safety):
 *   update: record file (rev n+1) → manifest (rev n+1)
 *   create: manifest (PENDING, rev n+1) → record file → manifest flag cleared with the next write
 *   delete: manifest (DELETED, rev n+1) → unlink file
 */
export async function openFileRecordStore(opts: FileRecordStoreOptions): Promise<FileRecordStore> {
  const { fs, dir, session, random, logger } = opts;
  const recordsDir = join(dir, RECORDS_DIR);
  const manifestPath = join(dir, MANIFEST_FILE);
  const entries = new Map<string, ManifestEntry>();
  let manifestDirty = false;
  const queue = createSerialQueue();

  const ownAnchorKey = opts.anchor ? null : anchorKey(session.subkeys.prk, session.vaultId);
  const anchor = opts.anchor ?? createFileManifestAnchor(fs, dir, ownAnchorKey ?? Buffer.alloc(0));
  const loaded = await loadManifest({ fs, dir, session, anchor, random }).catch((err: unknown) => {
    ownAnchorKey?.fill(0);
    throw err;
  });
  const { image, onDisk } = loaded;
  let { generation, holdAnchor, notice } = loaded;
  /** Entries changed since the last manifest write: only these are patched into the image. */
  const touched = new Set<ManifestEntry>();
  for (const e of image.decoded) {
    // File names are HMACs (one per entry, ~5 µs each): computed when first needed, not here.
    entries.set(entryKey(e.collection, e.id), { ...e, fileName: '' });
  }
  image.decoded.length = 0;
  for (const r of loaded.recovered) {
    const k = entryKey(r.collection, r.id);
    const tomb = entries.get(k);
    // An old file of a deleted record stays deleted; only a file newer than the tombstone revives.
    if (tomb && r.revision <= tomb.revision) continue;
    const e: ManifestEntry = { ...r, flags: 0, ...(tomb ? { offset: tomb.offset } : {}) };
    entries.set(k, e);
    touched.add(e);
    manifestDirty = true;
  }
  const nameOf = (e: ManifestEntry): string => {
    if (e.fileName === '') e.fileName = recordFileName(session.subkeys.fileNames, e.collection, e.id);
    return e.fileName;
  };

  // Crash repair that decides what is live must happen now: a PENDING entry whose file never
  // arrived becomes a tombstone. The listing is taken before this session writes anything, so the
  // temp files in it are a dead process's and can be removed later without racing our own writes.
  for (const e of entries.values()) {
    if (e.flags & ENTRY_PENDING && !(e.flags & ENTRY_DELETED)) {
      e.flags = onDisk.has(nameOf(e)) ? 0 : ENTRY_DELETED;
      touched.add(e);
      manifestDirty = true;
    }
  }
  // The rest is cleanup that no read depends on (tombstoned files are never read; temp files are
  // never renamed by anyone now), so it runs after unlock returns, in slices.
  const sweep = (async (): Promise<void> => {
    await new Promise<void>((r) => setImmediate(r));
    const all = [...entries.values()];
    const known = new Set<string>();
    for (let i = 0; i < all.length; i++) {
      if (i % 1024 === 1023) await new Promise<void>((r) => setImmediate(r));
      if (!session.isOpen()) return;
      const e = all[i];
      if (e) known.add(nameOf(e));
    }
    let strangers = 0;
    for (const name of onDisk) {
      if (!session.isOpen()) return;
      if (name.startsWith(TEMP_PREFIX)) await fs.unlink(join(recordsDir, name)).catch(() => undefined);
      else if (!known.has(name)) strangers++;
    }
    for (const e of all) {
      if (!session.isOpen()) return;
      if (!(e.flags & ENTRY_DELETED) || !onDisk.has(e.fileName)) continue;
      // Through the write queue, re-checked there: the id may have been re-created meanwhile.
      await enqueue(async () => {
        const now = entries.get(entryKey(e.collection, e.id));
        if (session.isOpen() && now && now.flags & ENTRY_DELETED)
          await removeFileDurably(fs, join(recordsDir, nameOf(now))).catch(() => undefined);
      });
    }
    if (strangers > 0)
      logger?.warn('vault: files not in the manifest were left untouched', { count: strangers });
  })().catch(() => undefined);

  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    return queue.run(task);
  }

  async function persistManifest(): Promise<void> {
    image.sync(touched);
    touched.clear();
    // Held (rollback not acknowledged): the restored generation is kept, so the next unlock still
    // sees the manifest behind the anchor.
    const next = holdAnchor ? generation : generation + 1n;
    const sealed = image.seal(session.subkeys.manifest, random(GCM_NONCE_BYTES), session.vaultId, next);
    await writeFileAtomic(fs, manifestPath, sealed);
    generation = next;
    manifestDirty = false;
    // After the manifest, never before: a crash in between leaves the anchor behind, not ahead
    // (behind is repaired at the next open; ahead would look like a rollback).
    if (!holdAnchor) await writeAnchor(next);
  }

  async function writeAnchor(g: bigint): Promise<void> {
    // The manifest is already written: failing the save now would leave memory and disk apart.
    // A lagging anchor only weakens detection until the next write succeeds.
    await anchor.write(g).catch(() => logger?.warn('vault: rollback anchor not written'));
  }

  function decrypt(e: ManifestEntry, file: Buffer): Buffer {
    const key = deriveRecordKeyFromPrk(session.subkeys.prk, session.vaultId, e.collection, e.id);
    try {
      const opened = openRecord(key, recordAad(session.vaultId, e.collection, e.id), file);
      if (opened.revision < e.revision) {
        opened.data.fill(0);
        throw new TikhoError('vault/record-replayed');
      }
      if (opened.revision > e.revision) {
        // A crash between the record write and the manifest write: the file is the newer truth.
        e.revision = opened.revision;
        touched.add(e);
        manifestDirty = true;
      }
      return opened.data;
    } finally {
      key.fill(0);
    }
  }

  function liveEntry(collection: string, id: string): ManifestEntry | undefined {
    const e = entries.get(entryKey(collection, id));
    return e && !(e.flags & ENTRY_DELETED) ? e : undefined;
  }

  async function readOne(e: ManifestEntry): Promise<Buffer> {
    const file = await readIfExists(fs, join(recordsDir, nameOf(e)));
    if (!file) throw new TikhoError('vault/record-damaged');
    return decrypt(e, file);
  }

  function readEntrySync(e: ManifestEntry): RecordReadResult {
    try {
      let file: Buffer;
      try {
        file = fs.readFileSync(join(recordsDir, nameOf(e)));
      } catch {
        throw new TikhoError('vault/record-damaged');
      }
      return { id: e.id, ok: true, data: decrypt(e, file) };
    } catch (err) {
      const code =
        err instanceof TikhoError && err.code === 'vault/record-replayed' ? err.code : 'vault/record-damaged';
      return { id: e.id, ok: false, code };
    }
  }

  const store: FileRecordStore = {
    async read(collection, id) {
      session.assertOpen();
      assertAddress(collection, id);
      const e = liveEntry(collection, id);
      if (!e) return null;
      const view = await readOne(e);
      // A copy sized to the data: callers (other services) may look at `.buffer`.
      const data = Buffer.from(view);
      view.fill(0);
      session.assertOpen();
      return data;
    },

    write(collection, id, data) {
      session.assertOpen();
      assertAddress(collection, id);
      const copy = Buffer.from(data);
      return enqueue(async () => {
        session.assertOpen();
        const k = entryKey(collection, id);
        const previous = entries.get(k);
        const isCreate = !previous || (previous.flags & ENTRY_DELETED) !== 0;
        const revision = (previous?.revision ?? 0) + 1;
        const fileName = previous
          ? nameOf(previous)
          : recordFileName(session.subkeys.fileNames, collection, id);
        const key = deriveRecordKeyFromPrk(session.subkeys.prk, session.vaultId, collection, id);
        let sealed: Buffer;
        const boxKey = addressKey(session.subkeys.prk, session.vaultId);
        try {
          sealed = sealAddressedRecord(
            key,
            random(GCM_NONCE_BYTES),
            recordAad(session.vaultId, collection, id),
            revision,
            copy,
            // The system CSPRNG, not `random`: the injected stream's draws stay what the format
            // vectors (attachmentVector) were frozen with.
            { key: boxKey, nonce: randomBytes(GCM_NONCE_BYTES), vaultId: session.vaultId, collection, id },
          );
        } finally {
          key.fill(0);
          boxKey.fill(0);
          copy.fill(0);
        }
        if (isCreate) {
          // Same offset as the tombstone it replaces: one entry per address in the manifest.
          const pending: ManifestEntry = {
            collection,
            id,
            revision,
            flags: ENTRY_PENDING,
            fileName,
            ...(previous?.offset !== undefined ? { offset: previous.offset } : {}),
          };
          entries.set(k, pending);
          touched.add(pending);
          try {
            await persistManifest();
          } catch (err) {
            // The image may already hold this entry (offset assigned): keep it as a tombstone rather
            // than forgetting it, so a later create reuses the slot instead of adding a duplicate.
            const back: ManifestEntry = previous
              ? { ...previous, ...(pending.offset !== undefined ? { offset: pending.offset } : {}) }
              : { ...pending, flags: ENTRY_DELETED };
            entries.set(k, back);
            touched.delete(pending);
            touched.add(back);
            throw err;
          }
          try {
            await writeFileAtomic(fs, join(recordsDir, fileName), sealed);
          } catch (err) {
            // On disk the pending entry turns into a tombstone at the next open; mirror that now.
            pending.flags = ENTRY_DELETED;
            touched.add(pending);
            throw err;
          }
          pending.flags = 0;
          touched.add(pending);
          manifestDirty = true;
          return;
        }
        await writeFileAtomic(fs, join(recordsDir, fileName), sealed);
        previous.revision = revision;
        touched.add(previous);
        await persistManifest();
      });
    },

    remove(collection, id) {
      session.assertOpen();
      assertAddress(collection, id);
      return enqueue(async () => {
        session.assertOpen();
        const e = liveEntry(collection, id);
        if (!e) return;
        const before = { revision: e.revision, flags: e.flags };
        e.revision += 1;
        e.flags = ENTRY_DELETED;
        touched.add(e);
        try {
          await persistManifest();
        } catch (err) {
          e.revision = before.revision;
          e.flags = before.flags;
          touched.add(e);
          throw err;
        }
        await removeFileDurably(fs, join(recordsDir, nameOf(e)));
      });
    },

    list(collection) {
      session.assertOpen();
      const ids: string[] = [];
      for (const e of entries.values()) {
        if (e.collection === collection && !(e.flags & (ENTRY_DELETED | ENTRY_PENDING))) ids.push(e.id);
      }
      return Promise.resolve(ids);
    },

    async readAll(collection, ids) {
      session.assertOpen();
      const live: ManifestEntry[] = [];
      if (ids) {
        for (const id of ids) {
          const e = entries.get(entryKey(collection, id));
          if (e && !(e.flags & (ENTRY_DELETED | ENTRY_PENDING))) live.push(e);
        }
      } else {
        for (const e of entries.values())
          if (e.collection === collection && !(e.flags & (ENTRY_DELETED | ENTRY_PENDING))) live.push(e);
      }
      const results: RecordReadResult[] = new Array<RecordReadResult>(live.length);
      // Blocking reads in batches: the promise API's four thread-pool round trips per file were
      // most of the unlock time at 10 000 notes. Between batches the event loop runs, so IPC
      // and timers in the main process wait at most one batch (a few ms).
      const BATCH = 256;
      for (let start = 0; start < live.length; start += BATCH) {
        if (start > 0) await new Promise<void>((r) => setImmediate(r));
        session.assertOpen();
        for (let i = start; i < Math.min(live.length, start + BATCH); i++) {
          const e = live[i];
          if (e) results[i] = readEntrySync(e);
        }
      }
      session.assertOpen();
      return results;
    },

    readSync(collection, id) {
      session.assertOpen();
      const e = liveEntry(collection, id);
      return e ? readEntrySync(e) : null;
    },

    revision(collection, id) {
      return liveEntry(collection, id)?.revision ?? null;
    },

    swept: () => sweep,
    wipe: () => {
      image.wipe();
      ownAnchorKey?.fill(0);
    },
    notice: () => notice,
    acknowledgeNotice: () =>
      enqueue(async () => {
        session.assertOpen();
        if (!notice) return;
        notice = null;
        if (!holdAnchor) return;
        holdAnchor = false;
        // Above both, so the anchor moves past the generation it held.
        const anchored = loaded.anchorGeneration ?? 0n;
        if (anchored > generation) generation = anchored;
        await persistManifest();
      }),

    async flush() {
      await queue.idle();
      if (manifestDirty && session.isOpen()) await enqueue(persistManifest).catch(() => undefined);
    },

    generation: () => generation,

    collections: () => {
      const names = new Set<string>();
      for (const e of entries.values())
        if (!(e.flags & (ENTRY_DELETED | ENTRY_PENDING))) names.add(e.collection);
      return [...names];
    },
  };
  if (loaded.persistNow) await enqueue(persistManifest).catch(() => undefined);
  else if (loaded.repairAnchor !== null) await writeAnchor(loaded.repairAnchor);
  return store;
}
