import { join } from 'node:path';
import { TikhoError } from '../../../shared/errors';
import { writeFileAtomic } from './atomicFile';
import { createAttachmentStore, type AttachmentRecords, type AttachmentStore } from './attachmentStore';
import type { FileRecordStore } from './fileRecordStore';
import { ATTACHMENTS_DIR, GCM_NONCE_BYTES, RECORDS_DIR } from './formatConstants';
import type { GcmLane } from './gcmLane';
import { deriveRecordKeyFromPrk, recordFileName } from './keyDerivation';
import { addressKey, recordAad, sealAddressedRecord } from './recordCodec';
import { anchorKey, writeAnchorForNextKey } from './manifestAnchor';
import { sealManifest, type ManifestEntry } from './revisionManifest';
import { ROTATION_MANIFEST_FILE, settleRotation, type RotationStage } from './rotationSettle';
import { writeAll, FILE_MODE, syncFolder, type FileSystem } from '../common';
import type { VaultSession } from './vaultSession';
import { toWriteError } from './writeError';

export interface RotationProgress {
  done: number;
  total: number;
}

export interface RotationInput {
  fs: FileSystem;
  dir: string;
  random: (n: number) => Buffer;
  clock: () => number;
  gcmLane?: GcmLane;
  old: { session: VaultSession; store: FileRecordStore; attachments: AttachmentStore };
  /** Session of the new master key (same vault id); the caller wipes it afterwards. */
  next: VaultSession;
  /** Records whose content changes with the rotation (the slot map), by collection then id. */
  replace: ReadonlyMap<string, ReadonlyMap<string, Buffer>>;
  /**
   * Writes the new header: THE commit point. Before it returns the old keys are the live ones,
   * after it the new ones. Must be atomic (vaultService's one header-write path).
   */
  commitHeader: () => Promise<void>;
  /** After a failed commitHeader: whether the header on disk is the new one all the same. */
  headerIsNew: () => Promise<boolean>;
  onProgress?: (p: RotationProgress) => void;
  onStage?: (stage: RotationStage) => Promise<void> | void;
}

/** Writes one new-generation file under a name no live file has; a torn one is a stray to shred. */
async function writeNewFile(fs: FileSystem, path: string, bytes: Buffer): Promise<void> {
  try {
    const handle = await fs.open(path, 'wx', FILE_MODE);
    try {
      await writeAll(handle, [bytes], 0);
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw toWriteError(err);
  }
}

/** The attachment meta records already travel with the other records; the copy's own write is dropped. */
const dropMetaWrites: AttachmentRecords = {
  read: () => Promise.resolve(null),
  write: () => Promise.resolve(),
  remove: () => Promise.resolve(),
  list: () => Promise.resolve([]),
  readAll: () => Promise.resolve([]),
};

async function copyRecords(input: RotationInput, tick: () => Promise<void>): Promise<ManifestEntry[]> {
  const { next, fs } = input;
  const entries: ManifestEntry[] = [];
  const recordsDir = join(input.dir, RECORDS_DIR);
  const boxKey = addressKey(next.subkeys.prk, next.vaultId);
  const seal = async (collection: string, id: string, revision: number, data: Buffer): Promise<void> => {
    const key = deriveRecordKeyFromPrk(next.subkeys.prk, next.vaultId, collection, id);
    let sealed: Buffer;
    try {
      const aad = recordAad(next.vaultId, collection, id);
      // Version 2 (address box), as the store writes: a lost manifest stays rebuildable.
      sealed = sealAddressedRecord(key, input.random(GCM_NONCE_BYTES), aad, revision, data, {
        key: boxKey,
        nonce: input.random(GCM_NONCE_BYTES),
        vaultId: next.vaultId,
        collection,
        id,
      });
    } finally {
      key.fill(0);
    }
    const fileName = recordFileName(next.subkeys.fileNames, collection, id);
    await writeNewFile(fs, join(recordsDir, fileName), sealed);
    entries.push({ collection, id, revision, flags: 0, fileName });
    await tick();
  };
  try {
    await copyEachRecord(input, seal);
  } finally {
    boxKey.fill(0);
  }
  return entries;
}

async function copyEachRecord(
  input: RotationInput,
  seal: (collection: string, id: string, revision: number, data: Buffer) => Promise<void>,
): Promise<void> {
  const { old } = input;
  const copied = new Set<string>();
  for (const collection of old.store.collections()) {
    const replaced = input.replace.get(collection);
    for (const r of await old.store.readAll(collection)) {
      old.session.assertActive();
      // A record the old key cannot open cannot be carried over; refusing keeps it readable as it is.
      if (!r.ok) throw new TikhoError(r.code);
      const data = replaced?.get(r.id) ?? r.data;
      try {
        await seal(collection, r.id, old.store.revision(collection, r.id) ?? 1, data);
        copied.add(`${collection}\u0000${r.id}`);
      } finally {
        r.data.fill(0);
      }
    }
  }
  for (const [collection, byId] of input.replace) {
    for (const [id, data] of byId)
      if (!copied.has(`${collection}\u0000${id}`)) await seal(collection, id, 1, data);
  }
}

async function copyAttachments(input: RotationInput, tick: () => Promise<void>): Promise<void> {
  const { old } = input;
  let currentId = '';
  const copy = createAttachmentStore({
    fs: input.fs,
    dir: input.dir,
    session: input.next,
    records: dropMetaWrites,
    random: input.random,
    clock: input.clock,
    // The copy keeps the attachment's id, so its meta record (copied with the others) still fits.
    newId: () => currentId,
    // Already stored: carried over whatever today's limit for new attachments is.
    maxBytes: Number.MAX_SAFE_INTEGER,
    ...(input.gcmLane ? { gcm: input.gcmLane } : {}),
  });
  for (const a of await old.attachments.listAll()) {
    old.session.assertActive();
    currentId = a.id;
    await copy.addFromStream(
      a.noteId,
      { name: a.name, mime: a.mime, createdAt: a.createdAt, size: a.size },
      old.attachments.stream(a.id),
    );
    await tick();
  }
}

/**
 * Rotates the vault's master key: every record and attachment is re-encrypted under keys derived
 * from `next` (new file names too, since names are HMACs under a key from the master), then a new
 * manifest, then the header switch. Old files are shredded by settleRotation, which the caller
 * runs when it opens the new session (and every unlock runs, for a crash). Throws before the commit
 * with nothing changed for the user (its files are shredded at once or at the next unlock).
 */
export async function rotateMasterKey(input: RotationInput): Promise<void> {
  const { fs, dir, old } = input;
  await old.store.flush();
  await old.store.swept();
  const nextPath = join(dir, ROTATION_MANIFEST_FILE);
  const attachmentCount = (await old.attachments.listAll()).length;
  let recordCount = 0;
  for (const c of old.store.collections()) recordCount += (await old.store.list(c)).length;
  const progress: RotationProgress = { done: 0, total: recordCount + attachmentCount };
  const tick = async (stage: RotationStage): Promise<void> => {
    progress.done = Math.min(progress.total, progress.done + 1);
    input.onProgress?.({ ...progress });
    await input.onStage?.(stage);
  };
  let committed = false;
  try {
    // The marker first: from here on an unlock knows a rotation may have left files behind.
    await writeFileAtomic(fs, nextPath, input.random(64));
    await input.onStage?.('started');
    const entries = await copyRecords(input, () => tick('record'));
    await copyAttachments(input, () => tick('attachment'));
    await syncFolder(fs, join(dir, RECORDS_DIR));
    await syncFolder(fs, join(dir, ATTACHMENTS_DIR));
    const { next } = input;
    // One past the old generation, anchored under the new key before the switch (manifestAnchor.ts).
    const generation = old.store.generation() + 1n;
    const manifest = sealManifest(
      next.subkeys.manifest,
      input.random(GCM_NONCE_BYTES),
      next.vaultId,
      entries,
      generation,
    );
    await writeFileAtomic(fs, nextPath, manifest);
    const keys = {
      old: anchorKey(old.session.subkeys.prk, old.session.vaultId),
      next: anchorKey(next.subkeys.prk, next.vaultId),
    };
    try {
      await writeAnchorForNextKey(fs, dir, keys, generation);
    } finally {
      keys.old.fill(0);
      keys.next.fill(0);
    }
    await input.onStage?.('manifest');
    old.session.assertActive();
    try {
      await input.commitHeader();
    } catch (err) {
      // A failure after the rename (the folder fsync) still committed: the disk decides.
      if (!(await input.headerIsNew().catch(() => false))) throw err;
    }
    committed = true;
    await input.onStage?.('committed');
  } catch (err) {
    if (!committed && old.session.isOpen()) {
      await settleRotation({ fs, dir, session: old.session, random: input.random }).catch(() => undefined);
    }
    throw err;
  }
}
