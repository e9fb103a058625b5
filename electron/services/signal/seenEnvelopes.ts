import { bytesEqual } from './bytes';
import { ENVELOPE_ID_BYTES } from './envelopeCodec';
import { COLLECTIONS } from './recordCollections';
import type { RecordTransaction } from './recordTransaction';

/**
 * Ids of envelopes already delivered in a thread, newest last, capped. libsignal refuses a
 * replayed ciphertext by itself; this list makes the answer `channel/duplicate` before any
 * decrypt is attempted, even when the old chain is gone. Only random ids are kept, no content.
 */
export const MAX_REMEMBERED_ENVELOPES = 4096;

export async function hasSeenEnvelope(
  tx: RecordTransaction,
  threadId: string,
  envelopeId: Uint8Array,
): Promise<boolean> {
  const bytes = await tx.read(COLLECTIONS.seenEnvelopes, threadId);
  if (bytes === null) {
    return false;
  }
  for (let at = 0; at + ENVELOPE_ID_BYTES <= bytes.length; at += ENVELOPE_ID_BYTES) {
    if (bytesEqual(bytes.subarray(at, at + ENVELOPE_ID_BYTES), envelopeId)) {
      return true;
    }
  }
  return false;
}

export async function rememberEnvelope(
  tx: RecordTransaction,
  threadId: string,
  envelopeId: Uint8Array,
): Promise<void> {
  const existing = (await tx.read(COLLECTIONS.seenEnvelopes, threadId)) ?? new Uint8Array(0);
  const keep = Math.min(existing.length, (MAX_REMEMBERED_ENVELOPES - 1) * ENVELOPE_ID_BYTES);
  const next = new Uint8Array(keep + ENVELOPE_ID_BYTES);
  next.set(existing.subarray(existing.length - keep), 0);
  next.set(envelopeId, keep);
  tx.write(COLLECTIONS.seenEnvelopes, threadId, next);
}
