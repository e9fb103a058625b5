import { randomBytes } from 'node:crypto';
import { openGcm, sealGcm } from '../vault';
import { GCM_NONCE_BYTES } from '../vault';
import type { EncryptedRecordStore } from '../vault';
import { channelError } from './channelErrors';
import { COLLECTIONS, STATE_COLLECTIONS } from './recordCollections';
import type { DetachedCollection } from './recordTransaction';

/**
 * Kept history messages live outside the epoch-sealed state, so a commit (every send and
 * receive) reseals the small ratchet state plus one index entry instead of every message kept.
 *
 * Each message is its own vault record (collection `signal-hist`, random id) sealed under its
 * own random key. The keys are in the epoch-sealed state, in ONE entry (`signal-hist-index`):
 * `count u32 | per message: id length u8 | history id UTF-8 | record id 16 | key 32`. Forward
 * secrecy is unchanged: once a message is removed (retention, "no history", a deleted thread)
 * its row is gone from the next state, the old states are under epoch keys that no longer
 * exist, and a copy of its record carved from free blocks opens with nothing, passphrase or not.
 *
 * The channel still sees the logical `signal-history` collection through `historyView`. A state
 * written before this layout holds its messages inline under `signal-history\0<id>`: they are
 * read as they are and moved into records by the next commit.
 */
export const HISTORY_PREFIX = `${COLLECTIONS.history}\u0000`;
export const INDEX_KEY = 'signal-hist-index\u0000all';
const RECORD_ID_BYTES = 16;
const KEY_BYTES = 32;
const EMPTY_INDEX = Buffer.alloc(4);

type Entries = Map<string, Uint8Array>;
interface Row {
  recordId: string;
  key: Uint8Array;
}

const aad = (recordId: string): Buffer => Buffer.from(`tikho/signal-hist/v1/${recordId}`, 'utf8');
const corrupt = (): Error => channelError('channel/state-corrupt', { record: 'history' });

export function indexCount(entries: Entries): number {
  const blob = entries.get(INDEX_KEY);
  return blob && blob.length >= 4 ? Buffer.from(blob.buffer, blob.byteOffset, 4).readUInt32BE(0) : 0;
}

function parseIndex(blob: Uint8Array | undefined): Map<string, Row> {
  const rows = new Map<string, Row>();
  if (!blob) return rows;
  const b = Buffer.from(blob.buffer, blob.byteOffset, blob.length);
  if (b.length < 4) throw corrupt();
  let at = 4;
  for (let n = 0; n < b.readUInt32BE(0); n += 1) {
    const idLength = b[at] ?? 0;
    const end = at + 1 + idLength + RECORD_ID_BYTES + KEY_BYTES;
    if (end > b.length) throw corrupt();
    const id = b.subarray(at + 1, at + 1 + idLength).toString('utf8');
    const recordAt = at + 1 + idLength;
    rows.set(id, {
      recordId: b.subarray(recordAt, recordAt + RECORD_ID_BYTES).toString('hex'),
      key: b.subarray(recordAt + RECORD_ID_BYTES, end),
    });
    at = end;
  }
  if (at !== b.length) throw corrupt();
  return rows;
}

function encodeRow(id: string, recordId: Buffer, key: Uint8Array): Buffer {
  const idBytes = Buffer.from(id, 'utf8');
  if (idBytes.length > 255) throw corrupt();
  return Buffer.concat([Buffer.from([idBytes.length]), idBytes, recordId, key]);
}

/** Reads of the logical history collection over the index (parsed only when history is read). */
export function historyView(records: EncryptedRecordStore, entries: Entries): DetachedCollection {
  let rows: Map<string, Row> | null = null;
  const index = (): Map<string, Row> => (rows ??= parseIndex(entries.get(INDEX_KEY)));
  return {
    collection: COLLECTIONS.history,
    list: () => {
      const inline = [...entries.keys()].filter((k) => k.startsWith(HISTORY_PREFIX));
      return [...index().keys(), ...inline.map((k) => k.slice(HISTORY_PREFIX.length))];
    },
    read: async (id) => {
      const inline = entries.get(HISTORY_PREFIX + id);
      if (inline) return inline;
      const row = index().get(id);
      if (!row) return null;
      const sealed = await records.read(STATE_COLLECTIONS.history, row.recordId);
      const plain = sealed === null ? null : openGcm(Buffer.from(row.key), sealed, aad(row.recordId));
      if (plain === null) throw corrupt();
      return plain;
    },
  };
}

/**
 * Applies the history changes of a commit to `next` (the state about to be sealed): new
 * messages and inline ones of the old layout are sealed into records now, before the commit
 * point (`written`: dropped if the commit fails); `removed` are the records to delete after it.
 */
export async function applyHistory(
  records: EncryptedRecordStore,
  next: Entries,
  changes: Map<string, Uint8Array | null>,
): Promise<{ written: string[]; removed: string[] }> {
  const moving = new Map<string, Uint8Array | null>();
  for (const key of [...next.keys()]) {
    if (!key.startsWith(HISTORY_PREFIX)) continue;
    moving.set(key.slice(HISTORY_PREFIX.length), next.get(key) ?? null);
    next.delete(key);
  }
  for (const [id, data] of changes) moving.set(id, data);
  if (moving.size === 0) return { written: [], removed: [] };
  const written: string[] = [];
  const removed: string[] = [];
  let blob = Buffer.from(next.get(INDEX_KEY) ?? EMPTY_INDEX);
  let count = blob.readUInt32BE(0);
  // History ids are fresh random ids (threadHistory.storeMessage) and a message is never
  // rewritten, so only a removal needs the index parsed: rare (purges, retention changes).
  if ([...moving.values()].some((d) => d === null)) {
    const kept: Buffer[] = [];
    for (const [id, row] of parseIndex(blob)) {
      if (moving.has(id)) removed.push(row.recordId);
      else kept.push(encodeRow(id, Buffer.from(row.recordId, 'hex'), row.key));
    }
    count = kept.length;
    blob = Buffer.concat([EMPTY_INDEX, ...kept]);
  }
  const added: Buffer[] = [];
  for (const [id, data] of moving) {
    if (data === null) continue;
    const recordId = randomBytes(RECORD_ID_BYTES);
    const key = randomBytes(KEY_BYTES);
    const hex = recordId.toString('hex');
    await records.write(
      STATE_COLLECTIONS.history,
      hex,
      sealGcm(key, randomBytes(GCM_NONCE_BYTES), Buffer.from(data), aad(hex)),
    );
    written.push(hex);
    added.push(encodeRow(id, recordId, key));
    key.fill(0);
    count += 1;
  }
  const out = Buffer.concat([blob, ...added]);
  out.writeUInt32BE(count, 0);
  next.set(INDEX_KEY, out);
  return { written, removed };
}

/** Removes message records the index does not name (a commit cut short before or after its point). */
export async function sweepHistory(records: EncryptedRecordStore, entries: Entries): Promise<void> {
  const stored = await records.list(STATE_COLLECTIONS.history);
  if (stored.length === indexCount(entries)) return;
  const live = new Set([...parseIndex(entries.get(INDEX_KEY)).values()].map((r) => r.recordId));
  for (const id of stored) if (!live.has(id)) await records.remove(STATE_COLLECTIONS.history, id);
}

export async function removeRecords(records: EncryptedRecordStore, ids: string[]): Promise<void> {
  for (const id of ids) await records.remove(STATE_COLLECTIONS.history, id).catch(() => undefined);
}
