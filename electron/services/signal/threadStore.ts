import { ProtocolAddress } from '@signalapp/libsignal-client';
import { z } from 'zod';
import { channelBundleSchema } from '../../../shared/channel/bundleSchema';
import type { ChannelThreadSummary } from '../../../shared/channel/channelTypes';
import { DEFAULT_HISTORY_RETENTION, historyRetentionSchema } from '../../../shared/channel/channelTypes';
import { parseJsonRecord } from '../vault';
import { encodeJson } from './bytes';
import { channelError } from './channelErrors';
import { COLLECTIONS } from './recordCollections';
import type { RecordTransaction } from './recordTransaction';

/**
 * One thread per peer; its id is the peer's address. The identity key itself lives in the
 * identity store (what libsignal checks); the thread holds what the person decided about it.
 */
const threadRecordSchema = z
  .object({
    version: z.literal(1),
    threadId: z.string().regex(/^[a-z0-9-]{3,64}$/),
    peerDeviceId: z.number().int().min(1).max(127),
    peerRegistrationId: z.number().int().min(1).max(16380),
    retention: historyRetentionSchema,
    verified: z.boolean(),
    /** A new identity key offered for this peer (a re-issued card), waiting for markVerified. */
    pendingIdentity: z
      .object({ identityKey: z.string().max(100), bundle: channelBundleSchema })
      .strict()
      .nullable(),
    createdAt: z.number().int(),
    lastMessageAt: z.number().int().nullable(),
    /** Set once the peer's first message arrived: the session is acknowledged by both sides. */
    lastReceivedAt: z.number().int().nullable(),
  })
  .strict();
export type ThreadRecord = z.infer<typeof threadRecordSchema>;

/** A thread as it starts: default retention, not verified, no message yet. */
export function newThreadRecord(
  threadId: string,
  peerDeviceId: number,
  peerRegistrationId: number,
  now: number,
): ThreadRecord {
  return {
    version: 1,
    threadId,
    peerDeviceId,
    peerRegistrationId,
    retention: DEFAULT_HISTORY_RETENTION,
    verified: false,
    pendingIdentity: null,
    createdAt: now,
    lastMessageAt: null,
    lastReceivedAt: null,
  };
}

export const peerAddressOf = (thread: ThreadRecord): ProtocolAddress =>
  ProtocolAddress.new(thread.threadId, thread.peerDeviceId);

export async function readThread(tx: RecordTransaction, threadId: string): Promise<ThreadRecord | null> {
  const bytes = await tx.read(COLLECTIONS.threads, threadId);
  if (bytes === null) {
    return null;
  }
  const thread = parseJsonRecord(bytes, threadRecordSchema);
  if (!thread) throw channelError('channel/state-corrupt', { record: 'thread' });
  return thread;
}

export async function requireThread(tx: RecordTransaction, threadId: string): Promise<ThreadRecord> {
  const thread = await readThread(tx, threadId);
  if (!thread) {
    throw channelError('channel/thread-not-found');
  }
  return thread;
}

export function writeThread(tx: RecordTransaction, thread: ThreadRecord): void {
  tx.write(COLLECTIONS.threads, thread.threadId, encodeJson(threadRecordSchema.parse(thread)));
}

export async function listThreadIds(tx: RecordTransaction): Promise<string[]> {
  return (await tx.list(COLLECTIONS.threads)).sort();
}

export function summarizeThread(thread: ThreadRecord): ChannelThreadSummary {
  return {
    threadId: thread.threadId,
    peerAddress: thread.threadId,
    retention: thread.retention,
    verified: thread.verified,
    identityChanged: thread.pendingIdentity !== null,
    createdAt: thread.createdAt,
    lastMessageAt: thread.lastMessageAt,
  };
}
