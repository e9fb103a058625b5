import { writeFile } from 'node:fs/promises';
import { TikhoError } from '../../../../../shared/errors';
import { safeFileName } from '../safeFileName';
import { saveText, type ContactHandlerContext, type ContactHandlers } from './contactContext';
import { toReplySummary, toRequestSummary } from './contactMappers';

type RequestChannel =
  | 'contact:compose'
  | 'contact:saveRequest'
  | 'contact:markSent'
  | 'contact:requests'
  | 'contact:removeRequest'
  | 'contact:saveReplyAttachment'
  | 'contact:readReply'
  | 'contact:removeReply';

/** Requests sent to a team and the replies read back. */
export function requestHandlers(ctx: ContactHandlerContext): Pick<ContactHandlers, RequestChannel> {
  const { pgp } = ctx;
  return {
    'contact:compose': async ({ draft }) => {
      const settings = ctx.settings.get();
      const label = await ctx.requestLabels(settings.language ?? ctx.systemLanguage);
      return { request: toRequestSummary(await pgp.composeRequest(draft, label)) };
    },
    'contact:saveRequest': async ({ requestId }) => {
      const request = await pgp.getRequest(requestId);
      if (!request) throw new TikhoError('pgp/unknown-request');
      // The date only: a file name must not say which team or what the request is about.
      return saveText(ctx, `request-${request.createdAt.slice(0, 10)}.asc`, request.armored);
    },
    'contact:markSent': async ({ requestId }) => ({
      request: toRequestSummary(await pgp.markSent(requestId)),
    }),
    'contact:requests': async () => ({ requests: (await pgp.listRequests()).map(toRequestSummary) }),
    'contact:removeRequest': async ({ requestId }) => {
      await pgp.removeRequest(requestId);
      return {};
    },
    'contact:saveReplyAttachment': async ({ requestId, replyId, index }) => {
      const part = await pgp.replyAttachment(requestId, replyId, index);
      const target = await ctx.ports.chooseSavePath(safeFileName(part.name, 'attachment'));
      if (target === null) return { saved: false };
      await writeFile(target, part.data, { mode: 0o600 });
      return { saved: true };
    },
    'contact:readReply': async ({ armored, requestId }) => {
      const result = await pgp.readReply(armored, requestId === undefined ? {} : { requestId });
      return {
        reply: toReplySummary(result.reply),
        requestId: result.requestId,
        duplicate: result.duplicate,
      };
    },
    'contact:removeReply': async ({ requestId, replyId }) => ({
      request: toRequestSummary(await pgp.removeReply(requestId, replyId)),
    }),
  };
}
