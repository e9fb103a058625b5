import { TikhoError } from '../../../../../shared/errors';
import {
  deskTeams,
  threadView,
  withName,
  type ChannelHandlerContext,
  type ChannelHandlers,
} from './channelContext';

type ThreadChannel =
  | 'channel:role'
  | 'channel:listThreads'
  | 'channel:openThread'
  | 'channel:send'
  | 'channel:receive'
  | 'channel:setRetention'
  | 'channel:safetyNumber'
  | 'channel:markVerified';

/** Threads, messages both ways, retention and the safety number. */
export function threadHandlers(ctx: ChannelHandlerContext): Pick<ChannelHandlers, ThreadChannel> {
  return {
    'channel:role': () => ({ role: ctx.role }),

    'channel:listThreads': async () => {
      const { channel, pgp } = await ctx.session();
      const teams = await deskTeams(ctx, pgp);
      const threads = await channel.listThreads();
      threads.sort((a, b) => (b.lastMessageAt ?? b.createdAt) - (a.lastMessageAt ?? a.createdAt));
      return { threads: threads.map((thread) => threadView(thread, teams)) };
    },

    'channel:openThread': async ({ threadId }) => {
      const { channel } = await ctx.session();
      const { thread, messages } = await channel.openThread(threadId);
      return { thread: await withName(ctx, thread), messages };
    },

    'channel:send': async ({ threadId, body }) => {
      const { channel, pgp } = await ctx.session();
      // As for requests: once the team revoked its key, its desk may be someone else's.
      if ((await deskTeams(ctx, pgp)).get(threadId)?.revoked) throw new TikhoError('pgp/team-revoked');
      const sent = await channel.send(threadId, body);
      return { envelope: sent.envelope, message: sent.message };
    },

    'channel:receive': async ({ armored }) => {
      const { channel } = await ctx.session();
      return channel.receive(armored);
    },

    'channel:setRetention': async ({ threadId, retention }) => {
      const { channel } = await ctx.session();
      return { thread: await withName(ctx, await channel.setRetention(threadId, retention)) };
    },

    'channel:safetyNumber': async ({ threadId }) => (await ctx.session()).channel.safetyNumber(threadId),

    'channel:markVerified': async ({ threadId, digits }) => {
      const { channel } = await ctx.session();
      return { thread: await withName(ctx, await channel.markVerified(threadId, digits)) };
    },
  };
}
