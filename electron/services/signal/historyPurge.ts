import type { HistoryRetention } from '../../../shared/channel/channelTypes';
import { COLLECTIONS } from './recordCollections';
import type { RecordTransaction } from './recordTransaction';
import { purgeSeenEnvelopes } from './seenEnvelopes';
import { listOrphanHistoryIds, purgeThreadHistory } from './threadHistory';
import { listThreadIds, readThread } from './threadStore';

/** One thread's expired messages and seen envelope ids; returns how many messages went. */
export async function purgeThread(
  tx: RecordTransaction,
  threadId: string,
  retention: HistoryRetention,
  now: number,
): Promise<number> {
  await purgeSeenEnvelopes(tx, threadId, retention, now);
  return purgeThreadHistory(tx, threadId, retention, now);
}

/** Every thread's expired history, and kept messages whose thread no longer exists. */
export async function purgeAllHistory(tx: RecordTransaction, now: number): Promise<number> {
  let removed = 0;
  const threadIds = await listThreadIds(tx);
  for (const id of threadIds) {
    const thread = await readThread(tx, id);
    if (thread) {
      removed += await purgeThread(tx, id, thread.retention, now);
    }
  }
  for (const orphan of await listOrphanHistoryIds(tx, new Set(threadIds))) {
    tx.remove(COLLECTIONS.history, orphan);
    removed += 1;
  }
  return removed;
}
