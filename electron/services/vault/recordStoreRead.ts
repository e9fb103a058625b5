import { join } from 'node:path';
import { TikhoError } from '../../../shared/errors';
import { deriveRecordKeyFromPrk } from './keyDerivation';
import { openRecord, recordAad } from './recordCodec';
import { ENTRY_PENDING, type ManifestEntry } from './revisionManifest';
import { entryKey, isLive, liveEntry, markTouched, nameOf, type RecordStoreState } from './recordStoreState';
import { readIfExists } from '../common';

export type RecordReadResult =
  | { id: string; ok: true; data: Buffer }
  | { id: string; ok: false; code: 'vault/record-damaged' | 'vault/record-replayed' };

/** Blocking reads per batch in readAll; between batches the event loop runs. */
const READ_BATCH = 256;

function decrypt(st: RecordStoreState, e: ManifestEntry, file: Buffer): Buffer {
  const { session } = st;
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
      markTouched(st, e);
    }
    return opened.data;
  } finally {
    key.fill(0);
  }
}

export async function readOne(st: RecordStoreState, e: ManifestEntry): Promise<Buffer> {
  const file = await readIfExists(st.fs, join(st.recordsDir, nameOf(st, e)));
  if (!file) throw new TikhoError('vault/record-damaged');
  return decrypt(st, e, file);
}

/** One live record, decrypted into a buffer of its own; null when absent (or still being created). */
export async function readLiveCopy(
  st: RecordStoreState,
  collection: string,
  id: string,
): Promise<Buffer | null> {
  const e = liveEntry(st, collection, id);
  if (!e) return null;
  const creating = (e.flags & ENTRY_PENDING) !== 0;
  let view: Buffer;
  try {
    view = await readOne(st, e);
  } catch (err) {
    // A create still on its way to disk (its manifest entry is written first): for a reader
    // beside it the record does not exist yet, it is not damaged.
    if (creating && err instanceof TikhoError && err.code === 'vault/record-damaged') return null;
    throw err;
  }
  // A copy sized to the data: callers (other services) may look at `.buffer`.
  const data = Buffer.from(view);
  view.fill(0);
  st.session.assertOpen();
  return data;
}

export function readEntrySync(st: RecordStoreState, e: ManifestEntry): RecordReadResult {
  try {
    let file: Buffer;
    try {
      file = st.fs.readFileSync(join(st.recordsDir, nameOf(st, e)));
    } catch {
      throw new TikhoError('vault/record-damaged');
    }
    return { id: e.id, ok: true, data: decrypt(st, e, file) };
  } catch (err) {
    const code =
      err instanceof TikhoError && err.code === 'vault/record-replayed' ? err.code : 'vault/record-damaged';
    return { id: e.id, ok: false, code };
  }
}

/** Every live record of `collection`, or only `ids` of it; damaged ones come back as codes. */
export async function readAllOf(
  st: RecordStoreState,
  collection: string,
  ids?: readonly string[],
): Promise<RecordReadResult[]> {
  const { session } = st;
  session.assertOpen();
  const live: ManifestEntry[] = [];
  if (ids) {
    for (const id of ids) {
      const e = st.entries.get(entryKey(collection, id));
      if (e && isLive(e)) live.push(e);
    }
  } else {
    for (const e of st.entries.values()) if (e.collection === collection && isLive(e)) live.push(e);
  }
  const results: RecordReadResult[] = new Array<RecordReadResult>(live.length);
  // Blocking reads in batches: the promise API's four thread-pool round trips per file were
  // most of the unlock time at 10 000 notes. Between batches the event loop runs, so IPC
  // and timers in the main process wait at most one batch (a few ms).
  for (let start = 0; start < live.length; start += READ_BATCH) {
    if (start > 0) await new Promise<void>((r) => setImmediate(r));
    session.assertOpen();
    for (let i = start; i < Math.min(live.length, start + READ_BATCH); i++) {
      const e = live[i];
      if (e) results[i] = readEntrySync(st, e);
    }
  }
  session.assertOpen();
  return results;
}
