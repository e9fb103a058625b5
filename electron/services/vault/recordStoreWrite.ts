import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { removeFileDurably, writeFileAtomic } from './atomicFile';
import { GCM_NONCE_BYTES } from './formatConstants';
import { deriveRecordKeyFromPrk, recordFileName } from './keyDerivation';
import { addressKey, recordAad, sealAddressedRecord } from './recordCodec';
import { ENTRY_DELETED, ENTRY_PENDING, type ManifestEntry } from './revisionManifest';
import {
  entryKey,
  liveEntry,
  markTouched,
  nameOf,
  persistManifest,
  type RecordStoreState,
} from './recordStoreState';

/**
 * Write order (docs/vault-format.md, Crash safety):
 *   update: record file (rev n+1) → manifest (rev n+1)
 *   create: manifest (PENDING, rev n+1) → record file → manifest flag cleared with the next write
 *   delete: manifest (DELETED, rev n+1) → unlink file
 * Both run inside the store's write queue.
 */

function sealRecord(
  st: RecordStoreState,
  collection: string,
  id: string,
  revision: number,
  data: Buffer,
): Buffer {
  const { session } = st;
  const key = deriveRecordKeyFromPrk(session.subkeys.prk, session.vaultId, collection, id);
  const boxKey = addressKey(session.subkeys.prk, session.vaultId);
  try {
    return sealAddressedRecord(
      key,
      st.random(GCM_NONCE_BYTES),
      recordAad(session.vaultId, collection, id),
      revision,
      data,
      // The system CSPRNG, not `random`: the injected stream's draws stay what the format
      // vectors (attachmentVector) were frozen with.
      { key: boxKey, nonce: randomBytes(GCM_NONCE_BYTES), vaultId: session.vaultId, collection, id },
    );
  } finally {
    key.fill(0);
    boxKey.fill(0);
    data.fill(0);
  }
}

async function createRecord(
  st: RecordStoreState,
  address: { collection: string; id: string; fileName: string },
  previous: ManifestEntry | undefined,
  revision: number,
  sealed: Buffer,
): Promise<void> {
  const { collection, id, fileName } = address;
  const k = entryKey(collection, id);
  // Same offset as the tombstone it replaces: one entry per address in the manifest.
  const pending: ManifestEntry = {
    collection,
    id,
    revision,
    flags: ENTRY_PENDING,
    fileName,
    ...(previous?.offset !== undefined ? { offset: previous.offset } : {}),
  };
  st.entries.set(k, pending);
  st.touched.add(pending);
  try {
    await persistManifest(st);
  } catch (err) {
    // The image may already hold this entry (offset assigned): keep it as a tombstone rather
    // than forgetting it, so a later create reuses the slot instead of adding a duplicate.
    const back: ManifestEntry = previous
      ? { ...previous, ...(pending.offset !== undefined ? { offset: pending.offset } : {}) }
      : { ...pending, flags: ENTRY_DELETED };
    st.entries.set(k, back);
    st.touched.delete(pending);
    st.touched.add(back);
    throw err;
  }
  try {
    await writeFileAtomic(st.fs, join(st.recordsDir, fileName), sealed);
  } catch (err) {
    // On disk the pending entry turns into a tombstone at the next open; mirror that now.
    pending.flags = ENTRY_DELETED;
    st.touched.add(pending);
    throw err;
  }
  pending.flags = 0;
  markTouched(st, pending);
}

/** `copy` is the store's own copy of the caller's bytes; it is zeroed once sealed. */
export async function writeRecord(
  st: RecordStoreState,
  collection: string,
  id: string,
  copy: Buffer,
): Promise<void> {
  st.session.assertOpen();
  const previous = st.entries.get(entryKey(collection, id));
  const isCreate = !previous || (previous.flags & ENTRY_DELETED) !== 0;
  const revision = (previous?.revision ?? 0) + 1;
  const fileName = previous
    ? nameOf(st, previous)
    : recordFileName(st.session.subkeys.fileNames, collection, id);
  const sealed = sealRecord(st, collection, id, revision, copy);
  if (isCreate) return createRecord(st, { collection, id, fileName }, previous, revision, sealed);
  await writeFileAtomic(st.fs, join(st.recordsDir, fileName), sealed);
  previous.revision = revision;
  st.touched.add(previous);
  await persistManifest(st);
}

export async function removeRecord(st: RecordStoreState, collection: string, id: string): Promise<void> {
  st.session.assertOpen();
  const e = liveEntry(st, collection, id);
  if (!e) return;
  const before = { revision: e.revision, flags: e.flags };
  e.revision += 1;
  e.flags = ENTRY_DELETED;
  st.touched.add(e);
  try {
    await persistManifest(st);
  } catch (err) {
    e.revision = before.revision;
    e.flags = before.flags;
    st.touched.add(e);
    throw err;
  }
  await removeFileDurably(st.fs, join(st.recordsDir, nameOf(st, e)));
}
