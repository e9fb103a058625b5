import { z } from 'zod';
import type { ChannelMessage, HistoryRetention } from '../../../shared/channel/channelTypes';
import { encodeJson, fromUtf8Strict } from './bytes';
import { channelError } from './channelErrors';
import { COLLECTIONS } from './recordCollections';
import type { RecordTransaction } from './recordTransaction';

/**
 * Decrypted messages, one vault record each, kept only within the thread's retention so that a
 * stored plaintext does not undo forward secrecy. With 'none' nothing is ever written. The
 * record id carries thread and time so purging needs no decryption of bodies (the vault hides
 * ids from the file system).
 */
const DAY_MS = 24 * 60 * 60 * 1000;
export const RETENTION_MS: Record<HistoryRetention, number> = {
  forever: Number.POSITIVE_INFINITY,
  '7d': 7 * DAY_MS,
  '1d': DAY_MS,
  none: 0,
};

const messageRecordSchema = z
  .object({
    version: z.literal(1),
    envelopeId: z.string().regex(/^[0-9a-f]{32}$/),
    direction: z.enum(['in', 'out']),
    body: z.string(),
    sentAt: z.number().int(),
    storedAt: z.number().int(),
  })
  .strict();

const historyIdPattern = /^([a-z0-9-]{3,64})\/(\d{15})-([0-9a-f]{32})-(in|out)$/;

function historyId(threadId: string, message: ChannelMessage): string {
  return `${threadId}/${String(message.storedAt).padStart(15, '0')}-${message.envelopeId}-${message.direction}`;
}

function parseHistoryId(id: string): { threadId: string; storedAt: number } | null {
  const match = historyIdPattern.exec(id);
  if (!match?.[1] || !match[2]) {
    return null;
  }
  return { threadId: match[1], storedAt: Number(match[2]) };
}

export function storeMessage(
  tx: RecordTransaction,
  threadId: string,
  retention: HistoryRetention,
  message: ChannelMessage,
): void {
  if (retention === 'none') {
    return;
  }
  tx.write(COLLECTIONS.history, historyId(threadId, message), encodeJson({ version: 1, ...message }));
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
  for (const id of await tx.list(COLLECTIONS.history)) {
    const parsed = parseHistoryId(id);
    if (parsed?.threadId !== threadId) {
      continue;
    }
    if (retention === 'none' || now - parsed.storedAt >= limit) {
      tx.remove(COLLECTIONS.history, id);
      removed += 1;
    }
  }
  return removed;
}

export function removeThreadHistory(tx: RecordTransaction, threadId: string): Promise<number> {
  return purgeThreadHistory(tx, threadId, 'none', 0);
}

/** Records whose id no thread owns (a thread was deleted mid-way) are purged by the caller. */
export async function listOrphanHistoryIds(
  tx: RecordTransaction,
  liveThreadIds: ReadonlySet<string>,
): Promise<string[]> {
  return (await tx.list(COLLECTIONS.history)).filter((id) => {
    const parsed = parseHistoryId(id);
    return parsed === null || !liveThreadIds.has(parsed.threadId);
  });
}

export async function readThreadMessages(tx: RecordTransaction, threadId: string): Promise<ChannelMessage[]> {
  const ids = (await tx.list(COLLECTIONS.history))
    .filter((id) => parseHistoryId(id)?.threadId === threadId)
    .sort();
  const messages: ChannelMessage[] = [];
  for (const id of ids) {
    const bytes = await tx.read(COLLECTIONS.history, id);
    if (bytes === null) {
      continue;
    }
    try {
      const { version: _version, ...message } = messageRecordSchema.parse(JSON.parse(fromUtf8Strict(bytes)));
      messages.push(message);
    } catch {
      throw channelError('channel/state-corrupt', { record: 'history' });
    }
  }
  return messages;
}
