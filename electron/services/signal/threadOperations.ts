import type {
  ChannelMessage,
  ChannelThreadSummary,
  HistoryRetention,
} from '../../../shared/channel/channelTypes';
import { historyRetentionSchema } from '../../../shared/channel/channelTypes';
import { purgeThread } from './historyPurge';
import type { OperationScope } from './operationRunner';
import { readThreadMessages } from './threadHistory';
import { listThreadIds, readThread, requireThread, summarizeThread, writeThread } from './threadStore';

export async function listThreads({ tx }: OperationScope): Promise<ChannelThreadSummary[]> {
  const summaries: ChannelThreadSummary[] = [];
  for (const id of await listThreadIds(tx)) {
    const thread = await readThread(tx, id);
    if (thread) {
      summaries.push(summarizeThread(thread));
    }
  }
  return summaries;
}

/** Purges the thread's expired history first, so nothing past its retention is shown. */
export async function openThread(
  { tx, now }: OperationScope,
  threadId: string,
): Promise<{ thread: ChannelThreadSummary; messages: ChannelMessage[] }> {
  const thread = await requireThread(tx, threadId);
  await purgeThread(tx, threadId, thread.retention, now);
  return { thread: summarizeThread(thread), messages: await readThreadMessages(tx, threadId) };
}

export async function setRetention(
  { tx, now }: OperationScope,
  threadId: string,
  retention: HistoryRetention,
): Promise<ChannelThreadSummary> {
  const parsed = historyRetentionSchema.parse(retention);
  const thread = await requireThread(tx, threadId);
  const next = { ...thread, retention: parsed };
  writeThread(tx, next);
  await purgeThread(tx, threadId, parsed, now);
  return summarizeThread(next);
}
