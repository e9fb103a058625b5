import { join } from 'node:path';
import { TikhoError } from '../../../shared/errors';
import { readIfExists, removeFileDurably, writeFileAtomic } from './atomicFile';
import { GCM_NONCE_BYTES, MANIFEST_FILE, RECORDS_DIR, TEMP_PREFIX } from './formatConstants';
import { deriveRecordKey, recordFileName } from './keyDerivation';
import { openRecord, recordAad, sealRecord } from './recordCodec';
import type { EncryptedRecordStore } from './recordStore';
import {
  ENTRY_DELETED,
  ENTRY_PENDING,
  openManifest,
  sealManifest,
  type ManifestEntry,
} from './revisionManifest';
import type { VaultFs } from './vaultFs';
import type { VaultSession } from './vaultSession';

const COLLECTION_RE = /^[a-z][a-z0-9-]{0,31}$/;
const MAX_ID_BYTES = 256;

export type RecordReadResult =
  | { id: string; ok: true; data: Buffer }
  | { id: string; ok: false; code: 'vault/record-damaged' | 'vault/record-replayed' };

export interface FileRecordStore extends EncryptedRecordStore {
  read(collection: string, id: string): Promise<Buffer | null>;
  /** Reads every live record of a collection (unlock path); damaged ones come back as codes. */
  readAll(collection: string): Promise<RecordReadResult[]>;
  /** Resolves when every queued write finished (lock flushes through this). */
  flush(): Promise<void>;
  /** Collections with at least one live record. */
  collections(): string[];
  /** Every file name the store owns (live and tombstoned), for sweeps and tests. */
  knownFileNames(): Set<string>;
}

export interface FileRecordStoreOptions {
  fs: VaultFs;
  dir: string;
  session: VaultSession;
  random: (n: number) => Buffer;
  logger?: { warn(msg: string, meta?: Record<string, unknown>): void };
}

function assertAddress(collection: string, id: string): void {
  if (!COLLECTION_RE.test(collection)) throw new TikhoError('vault/invalid-record-address');
  const idBytes = Buffer.byteLength(id, 'utf8');
  if (idBytes < 1 || idBytes > MAX_ID_BYTES) throw new TikhoError('vault/invalid-record-address');
}

const entryKey = (collection: string, id: string): string => `${collection}\u0000${id}`;

/** Writes a fresh, empty manifest (vault creation and import). */
export async function writeEmptyManifest(opts: FileRecordStoreOptions): Promise<void> {
  const { session } = opts;
  const sealed = sealManifest(session.subkeys.manifest, opts.random(GCM_NONCE_BYTES), session.vaultId, []);
  await writeFileAtomic(opts.fs, join(opts.dir, MANIFEST_FILE), sealed);
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
  let queue: Promise<unknown> = Promise.resolve();

  const manifestFile = await readIfExists(fs, manifestPath);
  if (!manifestFile) throw new TikhoError('vault/index-damaged');
  for (const e of openManifest(session.subkeys.manifest, session.vaultId, manifestFile)) {
    const fileName = recordFileName(session.subkeys.fileNames, e.collection, e.id);
    entries.set(entryKey(e.collection, e.id), { ...e, fileName });
  }

  // Crash repair.
  const onDisk = new Set(await fs.readdir(recordsDir));
  for (const name of onDisk) {
    if (name.startsWith(TEMP_PREFIX)) await fs.unlink(join(recordsDir, name)).catch(() => undefined);
  }
  for (const e of entries.values()) {
    const present = onDisk.has(e.fileName);
    if (e.flags & ENTRY_DELETED) {
      if (present) await removeFileDurably(fs, join(recordsDir, e.fileName)).catch(() => undefined);
    } else if (e.flags & ENTRY_PENDING) {
      e.flags = present ? 0 : ENTRY_DELETED;
      manifestDirty = true;
    }
  }
  const known = new Set([...entries.values()].map((e) => e.fileName));
  const strangers = [...onDisk].filter((n) => !n.startsWith(TEMP_PREFIX) && !known.has(n)).length;
  if (strangers > 0)
    logger?.warn('vault: files not in the manifest were left untouched', { count: strangers });

  function enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  }

  async function persistManifest(): Promise<void> {
    const sealed = sealManifest(
      session.subkeys.manifest,
      random(GCM_NONCE_BYTES),
      session.vaultId,
      entries.values(),
    );
    await writeFileAtomic(fs, manifestPath, sealed);
    manifestDirty = false;
  }

  function decrypt(e: ManifestEntry, file: Buffer): Buffer {
    const key = deriveRecordKey(session.master, session.vaultId, e.collection, e.id);
    try {
      const opened = openRecord(key, recordAad(session.vaultId, e.collection, e.id), file);
      if (opened.revision < e.revision) {
        opened.data.fill(0);
        throw new TikhoError('vault/record-replayed');
      }
      if (opened.revision > e.revision) {
        // A crash between the record write and the manifest write: the file is the newer truth.
        e.revision = opened.revision;
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
    const file = await readIfExists(fs, join(recordsDir, e.fileName));
    if (!file) throw new TikhoError('vault/record-damaged');
    return decrypt(e, file);
  }

  const store: FileRecordStore = {
    async read(collection, id) {
      session.assertOpen();
      assertAddress(collection, id);
      const e = liveEntry(collection, id);
      if (!e) return null;
      const data = await readOne(e);
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
        const fileName = previous?.fileName ?? recordFileName(session.subkeys.fileNames, collection, id);
        const key = deriveRecordKey(session.master, session.vaultId, collection, id);
        let sealed: Buffer;
        try {
          sealed = sealRecord(
            key,
            random(GCM_NONCE_BYTES),
            recordAad(session.vaultId, collection, id),
            revision,
            copy,
          );
        } finally {
          key.fill(0);
          copy.fill(0);
        }
        if (isCreate) {
          const pending: ManifestEntry = { collection, id, revision, flags: ENTRY_PENDING, fileName };
          entries.set(k, pending);
          try {
            await persistManifest();
          } catch (err) {
            if (previous) entries.set(k, previous);
            else entries.delete(k);
            throw err;
          }
          try {
            await writeFileAtomic(fs, join(recordsDir, fileName), sealed);
          } catch (err) {
            // On disk the pending entry turns into a tombstone at the next open; mirror that now.
            pending.flags = ENTRY_DELETED;
            throw err;
          }
          pending.flags = 0;
          manifestDirty = true;
          return;
        }
        await writeFileAtomic(fs, join(recordsDir, fileName), sealed);
        previous.revision = revision;
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
        try {
          await persistManifest();
        } catch (err) {
          e.revision = before.revision;
          e.flags = before.flags;
          throw err;
        }
        await removeFileDurably(fs, join(recordsDir, e.fileName));
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

    async readAll(collection) {
      session.assertOpen();
      const live = [...entries.values()].filter(
        (e) => e.collection === collection && !(e.flags & (ENTRY_DELETED | ENTRY_PENDING)),
      );
      const results: RecordReadResult[] = new Array<RecordReadResult>(live.length);
      let next = 0;
      // Bounded parallelism: enough to keep the libuv pool busy, not so much that 10 000 file
      // handles open at once.
      const worker = async (): Promise<void> => {
        while (next < live.length) {
          const i = next++;
          const e = live[i];
          if (!e) continue;
          try {
            results[i] = { id: e.id, ok: true, data: await readOne(e) };
          } catch (err) {
            const code =
              err instanceof TikhoError && err.code === 'vault/record-replayed'
                ? err.code
                : 'vault/record-damaged';
            results[i] = { id: e.id, ok: false, code };
          }
        }
      };
      await Promise.all(Array.from({ length: 16 }, worker));
      session.assertOpen();
      return results;
    },

    async flush() {
      await queue;
      if (manifestDirty && session.isOpen()) await enqueue(persistManifest).catch(() => undefined);
    },

    collections: () => {
      const names = new Set<string>();
      for (const e of entries.values())
        if (!(e.flags & (ENTRY_DELETED | ENTRY_PENDING))) names.add(e.collection);
      return [...names];
    },

    knownFileNames: () => new Set([...entries.values()].map((e) => e.fileName)),
  };
  return store;
}
