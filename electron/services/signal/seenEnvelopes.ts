import type { HistoryRetention } from '../../../shared/channel/channelTypes';
import { bytesEqual } from './bytes';
import { ENVELOPE_ID_BYTES } from './envelopeCodec';
import { COLLECTIONS } from './recordCollections';
import type { RecordTransaction } from './recordTransaction';
import { RETENTION_MS } from './threadHistory';

/**
 * Ids of envelopes already delivered in a thread, newest last, capped, each with the time it was
 * delivered. libsignal refuses a replayed ciphertext by itself; this list makes the answer
 * `channel/duplicate` before any decrypt is attempted, even when the old chain is gone. Only
 * random ids are kept, no content, and only as long as the thread keeps its history: a list of
 * ids still links a device to the envelopes an observer holds. With 'none' nothing is kept and
 * a replay is refused by libsignal (the message key was consumed).
 */
export const MAX_REMEMBERED_ENVELOPES = 4096;
const ENTRY_BYTES = ENVELOPE_ID_BYTES + 8;

function entriesOf(bytes: Uint8Array | null): Array<{ id: Uint8Array; at: number }> {
  const entries: Array<{ id: Uint8Array; at: number }> = [];
  if (bytes === null) return entries;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = 0; at + ENTRY_BYTES <= bytes.length; at += ENTRY_BYTES) {
    entries.push({
      id: bytes.subarray(at, at + ENVELOPE_ID_BYTES),
      at: Number(view.getBigUint64(at + ENVELOPE_ID_BYTES)),
    });
  }
  return entries;
}

function write(
  tx: RecordTransaction,
  threadId: string,
  entries: Array<{ id: Uint8Array; at: number }>,
): void {
  if (entries.length === 0) {
    tx.remove(COLLECTIONS.seenEnvelopes, threadId);
    return;
  }
  const next = new Uint8Array(entries.length * ENTRY_BYTES);
  const view = new DataView(next.buffer);
  entries.forEach((entry, n) => {
    next.set(entry.id, n * ENTRY_BYTES);
    view.setBigUint64(n * ENTRY_BYTES + ENVELOPE_ID_BYTES, BigInt(Math.max(0, entry.at)));
  });
  tx.write(COLLECTIONS.seenEnvelopes, threadId, next);
}

export async function hasSeenEnvelope(
  tx: RecordTransaction,
  threadId: string,
  envelopeId: Uint8Array,
): Promise<boolean> {
  const entries = entriesOf(await tx.read(COLLECTIONS.seenEnvelopes, threadId));
  return entries.some((entry) => bytesEqual(entry.id, envelopeId));
}

export async function rememberEnvelope(
  tx: RecordTransaction,
  threadId: string,
  retention: HistoryRetention,
  envelopeId: Uint8Array,
  now: number,
): Promise<void> {
  if (retention === 'none') {
    return;
  }
  const entries = entriesOf(await tx.read(COLLECTIONS.seenEnvelopes, threadId));
  entries.push({ id: envelopeId, at: now });
  write(tx, threadId, entries.slice(-MAX_REMEMBERED_ENVELOPES));
}

/** Forgets ids older than the thread's retention ('none': all). */
export async function purgeSeenEnvelopes(
  tx: RecordTransaction,
  threadId: string,
  retention: HistoryRetention,
  now: number,
): Promise<void> {
  const bytes = await tx.read(COLLECTIONS.seenEnvelopes, threadId);
  if (bytes === null) return;
  const limit = RETENTION_MS[retention];
  const entries = entriesOf(bytes);
  const kept = retention === 'none' ? [] : entries.filter((entry) => now - entry.at < limit);
  if (kept.length !== entries.length || bytes.length !== entries.length * ENTRY_BYTES) {
    write(tx, threadId, kept);
  }
}
