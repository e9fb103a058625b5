import type { SentRequestView } from '../../../shared/contact/request';
import { pgpError } from './pgpError';
import type { RequestBookContext } from './requestBookContext';
import { toView } from './requestView';

/** The person says the request went out: 'encrypted' becomes 'sent' once, with the time. */
export async function markSent(ctx: RequestBookContext, id: string): Promise<SentRequestView> {
  const record = await ctx.requests.readOrThrow(id);
  if (record.status === 'encrypted') {
    record.status = 'sent';
    record.sentAt = ctx.clock().toISOString();
    await ctx.requests.write(record.id, record);
  }
  return toView(record);
}

/** A removed request takes its one-time reply key with it: nothing is left that could open its replies. */
export async function removeRequest(ctx: RequestBookContext, id: string): Promise<void> {
  await ctx.replyKeys.removeForRequest(id);
  await ctx.requests.remove(id);
}

/** Takes a reply out of a thread; a thread left without replies is 'sent' again. */
export async function removeReply(
  ctx: RequestBookContext,
  requestId: string,
  replyId: string,
): Promise<SentRequestView> {
  const record = await ctx.requests.readOrThrow(requestId);
  const replies = record.replies.filter((reply) => reply.id !== replyId);
  if (replies.length === record.replies.length) throw pgpError('pgp/unknown-reply');
  record.replies = replies;
  if (replies.length === 0 && record.status === 'answered') record.status = 'sent';
  await ctx.requests.write(record.id, record);
  return toView(record);
}
