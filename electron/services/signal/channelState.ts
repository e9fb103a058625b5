import { randomBytes } from 'node:crypto';
import { openGcm, sealGcm } from '../vault';
import { GCM_NONCE_BYTES } from '../vault';
import { chooseCopy, openSealedCopy, sealCopy, sealedCopyBytes } from '../vault';
import type { CopyIndex } from '../vault';
import type { EncryptedRecordStore } from '../vault';
import { channelError } from './channelErrors';
import { applyHistory, historyView, removeRecords, sweepHistory } from './detachedHistory';
import type { EpochKeyFile } from './epochKeyFile';
import type { DetachedCollection } from './recordTransaction';
import { LEGACY_COLLECTIONS, LEGACY_DROPPED_COLLECTIONS, STATE_COLLECTIONS } from './recordCollections';

/**
 * The whole channel state (identity, sessions, pre-keys, threads, seen lists, history) is one
 * vault record sealed under an EPOCH key, and the epoch key lives only in a small file that is
 * overwritten in place (epochKeyFile.ts). Every commit writes the new state under a fresh epoch
 * key, overwrites the other copy of the epoch file with it, then overwrites the old copy with
 * random bytes: an older state record carved from free blocks (vault records are temp + rename,
 * so every version lands in new blocks) is then sealed under a key that exists nowhere, even for
 * someone who holds the vault passphrase. This is what makes libsignal's forward secrecy and
 * "no history" true on a seized disk.
 *
 * Crash safety: the epoch file names the state record it belongs to, and its copies carry a
 * generation counter. A crash before the new copy is synced leaves the old copy and the old
 * record (the new record is an orphan, removed on the next open); a crash after it leaves both
 * copies readable for a moment, and the next open destroys the older one.
 *
 * The epoch file's copies are sealed with a wrapping key kept as a vault record, so the file
 * alone (without the passphrase) is random bytes, and the panic wipe's header destruction kills
 * it with everything else.
 */
export const EPOCH_LABEL = 'signal-epoch';
const EPOCH_KEY_BYTES = 32;
const STATE_ID_BYTES = 16;
/** Size of one copy in the epoch file: the sealed (epoch key ‖ state record id). */
export const EPOCH_COPY_BYTES = sealedCopyBytes(EPOCH_KEY_BYTES + STATE_ID_BYTES);
const WRAP_KEY_ID = 'key';
const STATE_FORMAT_VERSION = 1;

export type StateEntries = Map<string, Uint8Array>;

export const stateKey = (collection: string, id: string): string => `${collection}\u0000${id}`;

export function splitStateKey(key: string): { collection: string; id: string } {
  const at = key.indexOf('\u0000');
  return { collection: key.slice(0, at), id: key.slice(at + 1) };
}

export interface ChannelStateHandle {
  readonly entries: StateEntries;
  /** True while the state still sits in the old per-collection layout: the next commit moves it. */
  readonly legacy: boolean;
  /**
   * Persists `next` as the new state under a new epoch key; once, at the end of an operation.
   * `history`: the kept messages written (data) or removed (null), by history id.
   */
  commit(next: StateEntries, history?: Map<string, Uint8Array | null>): Promise<void>;
  /** The kept messages, outside `entries` (detachedHistory.ts). */
  readonly history: DetachedCollection;
}

interface Current {
  wrapKey: Buffer;
  index: CopyIndex;
  generation: bigint;
  stateId: string;
}

export async function openChannelState(
  records: EncryptedRecordStore,
  file: EpochKeyFile,
): Promise<ChannelStateHandle> {
  const wrapBytes = await records.read(STATE_COLLECTIONS.epochWrap, WRAP_KEY_ID);
  const copies = await file.read();
  if (copies === null) {
    // Never committed (a new profile, a crash before the first commit, or a vault written by the
    // version that kept every store in its own record): start from whatever the old layout holds.
    return handleFor(records, file, await readLegacyEntries(records), null, wrapBytes);
  }
  if (wrapBytes === null) {
    throw channelError('channel/state-corrupt', { record: 'epoch' });
  }
  const wrapKey = Buffer.from(wrapBytes);
  const choice = chooseCopy(copies, (bytes, index) => {
    const opened = openSealedCopy(wrapKey, EPOCH_LABEL, index, bytes);
    return opened && opened.value.length === EPOCH_KEY_BYTES + STATE_ID_BYTES ? opened : null;
  });
  if (!choice.current) {
    throw channelError('channel/state-corrupt', { record: 'epoch' });
  }
  const payload = choice.current.value;
  const epochKey = Buffer.from(payload.subarray(0, EPOCH_KEY_BYTES));
  const stateId = payload.subarray(EPOCH_KEY_BYTES).toString('hex');
  payload.fill(0);
  try {
    const sealed = await records.read(STATE_COLLECTIONS.state, stateId);
    const plain = sealed === null ? null : openGcm(epochKey, sealed, stateAad(stateId));
    if (plain === null) {
      throw channelError('channel/state-corrupt', { record: 'state' });
    }
    // The entries are views into this one copy (a copy per entry made long histories slow).
    const entries = decodeEntries(Buffer.from(plain));
    plain.fill(0);
    const current: Current = {
      wrapKey,
      index: choice.current.index,
      generation: choice.current.generation,
      stateId,
    };
    await finishInterruptedCommit(records, file, copies, current);
    await sweepHistory(records, entries);
    return handleFor(records, file, entries, current, wrapBytes);
  } finally {
    epochKey.fill(0);
  }
}

/** After a crash between "new copy synced" and "old copy destroyed": destroy it now. */
async function finishInterruptedCommit(
  records: EncryptedRecordStore,
  file: EpochKeyFile,
  copies: [Uint8Array, Uint8Array],
  current: Current,
): Promise<void> {
  const otherIndex: CopyIndex = current.index === 0 ? 1 : 0;
  if (openSealedCopy(current.wrapKey, EPOCH_LABEL, otherIndex, copies[otherIndex]) !== null) {
    await file.overwrite(otherIndex, randomBytes(EPOCH_COPY_BYTES));
  }
  for (const id of await records.list(STATE_COLLECTIONS.state)) {
    if (id !== current.stateId) await records.remove(STATE_COLLECTIONS.state, id);
  }
}

function handleFor(
  records: EncryptedRecordStore,
  file: EpochKeyFile,
  entries: StateEntries,
  current: Current | null,
  wrapBytes: Uint8Array | null,
): ChannelStateHandle {
  let used = false;
  /** Set once the new epoch copy is synced: from then a failure leaves the new state in force. */
  let committed = false;
  return {
    entries,
    legacy: current === null && entries.size > 0,
    history: historyView(records, entries),
    async commit(next, history = new Map()) {
      if (used) throw new Error('channel state already committed');
      used = true;
      const { written, removed } = await applyHistory(records, next, history);
      try {
        await seal(next);
      } catch (error) {
        // Before the commit point the new message records are orphans (the next open drops them too).
        if (!committed) await removeRecords(records, written);
        throw error;
      }
      // Past the commit point: the removed messages' keys are gone; their records go now.
      await removeRecords(records, removed);
    },
  };

  async function seal(next: StateEntries): Promise<void> {
    const epochKey = randomBytes(EPOCH_KEY_BYTES);
    const idBytes = randomBytes(STATE_ID_BYTES);
    const stateId = idBytes.toString('hex');
    const plain = encodeEntries(next);
    const sealed = sealGcm(epochKey, randomBytes(GCM_NONCE_BYTES), plain, stateAad(stateId));
    plain.fill(0);
    const payload = Buffer.concat([epochKey, idBytes]);
    epochKey.fill(0);
    try {
      await records.write(STATE_COLLECTIONS.state, stateId, sealed);
      if (current) {
        const nextIndex: CopyIndex = current.index === 0 ? 1 : 0;
        const copy = sealCopy(current.wrapKey, EPOCH_LABEL, nextIndex, current.generation + 1n, payload);
        await writeOrDropOrphan(records, stateId, () => file.overwrite(nextIndex, copy));
        committed = true;
        await file.overwrite(current.index, randomBytes(EPOCH_COPY_BYTES));
        await records.remove(STATE_COLLECTIONS.state, current.stateId);
        return;
      }
      let wrapKey = wrapBytes === null ? null : Buffer.from(wrapBytes);
      if (wrapKey === null) {
        wrapKey = randomBytes(EPOCH_KEY_BYTES);
        await records.write(STATE_COLLECTIONS.epochWrap, WRAP_KEY_ID, wrapKey);
      }
      const first = sealCopy(wrapKey, EPOCH_LABEL, 0, 1n, payload);
      await writeOrDropOrphan(records, stateId, () => file.create(first));
      committed = true;
      for (const id of await records.list(STATE_COLLECTIONS.state)) {
        if (id !== stateId) await records.remove(STATE_COLLECTIONS.state, id);
      }
      await removeLegacyRecords(records);
    } finally {
      payload.fill(0);
    }
  }
}

async function writeOrDropOrphan(
  records: EncryptedRecordStore,
  stateId: string,
  write: () => Promise<void>,
): Promise<void> {
  try {
    await write();
  } catch (error) {
    await records.remove(STATE_COLLECTIONS.state, stateId).catch(() => undefined);
    throw error;
  }
}

function stateAad(stateId: string): Buffer {
  return Buffer.from(`tikho/signal-state/v${STATE_FORMAT_VERSION}/${stateId}`, 'utf8');
}

async function readLegacyEntries(records: EncryptedRecordStore): Promise<StateEntries> {
  const entries: StateEntries = new Map();
  for (const collection of LEGACY_COLLECTIONS) {
    if (LEGACY_DROPPED_COLLECTIONS.includes(collection)) continue;
    for (const id of await records.list(collection)) {
      const bytes = await records.read(collection, id);
      if (bytes !== null) entries.set(stateKey(collection, id), bytes);
    }
  }
  return entries;
}

async function removeLegacyRecords(records: EncryptedRecordStore): Promise<void> {
  for (const collection of LEGACY_COLLECTIONS) {
    for (const id of await records.list(collection)) {
      await records.remove(collection, id);
    }
  }
}

/** version u8 | count u32 | per entry: key length u16 | key UTF-8 | data length u32 | data. */
function encodeEntries(entries: StateEntries): Buffer {
  // One allocation: a state holding a long history is rewritten on every commit.
  let size = 5;
  for (const [key, data] of entries) size += 6 + Buffer.byteLength(key, 'utf8') + data.length;
  const out = Buffer.alloc(size);
  out.writeUInt8(STATE_FORMAT_VERSION, 0);
  out.writeUInt32BE(entries.size, 1);
  let at = 5;
  for (const [key, data] of entries) {
    const keyLength = out.write(key, at + 2, 'utf8');
    out.writeUInt16BE(keyLength, at);
    at += 2 + keyLength;
    out.writeUInt32BE(data.length, at);
    out.set(data, at + 4);
    at += 4 + data.length;
  }
  return out;
}

function decodeEntries(plain: Buffer): StateEntries {
  const corrupt = (): Error => channelError('channel/state-corrupt', { record: 'state' });
  if (plain.length < 5 || plain.readUInt8(0) !== STATE_FORMAT_VERSION) throw corrupt();
  const count = plain.readUInt32BE(1);
  const entries: StateEntries = new Map();
  let at = 5;
  for (let n = 0; n < count; n += 1) {
    if (at + 2 > plain.length) throw corrupt();
    const keyLength = plain.readUInt16BE(at);
    at += 2;
    if (at + keyLength + 4 > plain.length) throw corrupt();
    const key = plain.subarray(at, at + keyLength).toString('utf8');
    at += keyLength;
    const dataLength = plain.readUInt32BE(at);
    at += 4;
    if (at + dataLength > plain.length) throw corrupt();
    entries.set(key, plain.subarray(at, at + dataLength));
    at += dataLength;
  }
  if (at !== plain.length) throw corrupt();
  return entries;
}
