import { z } from 'zod';
import type { ChannelMessage, HistoryRetention } from '../../../shared/channel/channelTypes';
import { parseJsonRecord } from '../vault';
import { encodeJson, toHex } from './bytes';
import { channelError } from './channelErrors';
import { COLLECTIONS } from './recordCollections';
import type { RecordTransaction } from './recordTransaction';

/**
 * Decrypted messages, one entry of the channel state each, kept only within the thread's
 * retention so that a stored plaintext does not undo forward secrecy. With 'none' nothing is
 * ever written. The entry id is random: thread, time and direction are inside the sealed body,
 * so an id says nothing even to someone who can list the state.
 */
const DAY_MS = 24 * 60 * 60 * 1000;
export const RETENTION_MS: Record<HistoryRetention, number> = {
  forever: Number.POSITIVE_INFINITY,
  '7d': 7 * DAY_MS,
  '1d': DAY_MS,
  none: 0,
};
const HISTORY_ID_BYTES = 16;

const messageFields = {
  envelopeId: z.string().regex(/^[0-9a-f]{32}$/),
  direction: z.enum(['in', 'out']),
  body: z.string(),
  sentAt: z.number().int(),
  storedAt: z.number().int(),
};
const messageRecordSchema = z
  .object({ version: z.literal(2), threadId: z.string().regex(/^[a-z0-9-]{3,64}$/), ...messageFields })
  .strict();
/** Written before the ids were random: the thread was in the id, `<thread>/<storedAt>-<envelope>-<dir>`. */
const legacyRecordSchema = z.object({ version: z.literal(1), ...messageFields }).strict();
const legacyIdPattern = /^([a-z0-9-]{3,64})\/\d{15}-[0-9a-f]{32}-(?:in|out)$/;

interface StoredMessage {
  id: string;
  threadId: string;
  message: ChannelMessage;
}

export function storeMessage(
  tx: RecordTransaction,
  threadId: string,
  retention: HistoryRetention,
  message: ChannelMessage,
  random: (length: number) => Uint8Array,
): void {
  if (retention === 'none') {
    return;
  }
  const id = toHex(random(HISTORY_ID_BYTES).slice(0, HISTORY_ID_BYTES));
  tx.write(COLLECTIONS.history, id, encodeJson({ version: 2, threadId, ...message }));
}

async function readAllMessages(tx: RecordTransaction): Promise<StoredMessage[]> {
  const stored: StoredMessage[] = [];
  for (const id of await tx.list(COLLECTIONS.history)) {
    const bytes = await tx.read(COLLECTIONS.history, id);
    if (bytes === null) {
      continue;
    }
    const current = parseJsonRecord(bytes, messageRecordSchema);
    if (current) {
      const { version: _version, threadId, ...message } = current;
      stored.push({ id, threadId, message });
      continue;
    }
    // Written before history ids were opaque: the thread is in the id.
    const legacy = parseJsonRecord(bytes, legacyRecordSchema);
    const legacyThread = legacyIdPattern.exec(id)?.[1];
    if (!legacy || !legacyThread) {
      throw channelError('channel/state-corrupt', { record: 'history' });
    }
    const { version: _version, ...message } = legacy;
    stored.push({ id, threadId: legacyThread, message });
  }
  return stored;
}

/** Removes this thread's messages older than its retention; `retention: 'none'` removes all. */
export async function purgeThreadHistory(
  tx: RecordTransaction,
  threadId: string,
  retention: HistoryRetention,
  now: number,
): Promise<number> {
  let removed = 0;
  const limit = RETENTION_MS[retention];
  for (const { id, threadId: owner, message } of await readAllMessages(tx)) {
    if (owner === threadId && (retention === 'none' || now - message.storedAt >= limit)) {
      tx.remove(COLLECTIONS.history, id);
      removed += 1;
    }
  }
  return removed;
}

/** Ids of messages no live thread owns (a thread was deleted mid-way): the caller purges them. */
export async function listOrphanHistoryIds(
  tx: RecordTransaction,
  liveThreadIds: ReadonlySet<string>,
): Promise<string[]> {
  return (await readAllMessages(tx)).filter((m) => !liveThreadIds.has(m.threadId)).map((m) => m.id);
}

export async function readThreadMessages(tx: RecordTransaction, threadId: string): Promise<ChannelMessage[]> {
  return (await readAllMessages(tx))
    .filter((m) => m.threadId === threadId)
    .map((m) => m.message)
    .sort(
      (a, b) =>
        a.storedAt - b.storedAt ||
        a.envelopeId.localeCompare(b.envelopeId) ||
        a.direction.localeCompare(b.direction),
    );
}
