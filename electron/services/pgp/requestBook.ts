import type { SentRequestView } from '../../../shared/contact/request';
import type { EncryptedRecordStore } from '../vault';
import { composeRequest } from './composeRequest';
import type { ReplyAttachment } from './mimeReply';
import type { OwnKeyStore } from './ownKeyStore';
import { readReply, replyAttachment, type ReadReplyOptions, type ReadReplyResult } from './readReply';
import type { ReplyKeyStore } from './replyKeyStore';
import type { RequestBookContext } from './requestBookContext';
import { requestRecords } from './requestRecord';
import { markSent, removeReply, removeRequest } from './requestStatus';
import type { LabelFn } from './requestText';
import { listRequestViews, requestViewById } from './requestView';
import type { TeamStore } from './teamStore';

export type { ReadReplyResult } from './readReply';

/** Sent requests and their reply threads. */
export interface RequestBook {
  composeRequest(draft: unknown, label: LabelFn): Promise<SentRequestView>;
  listRequests(): Promise<SentRequestView[]>;
  getRequest(id: string): Promise<SentRequestView | null>;
  markSent(id: string): Promise<SentRequestView>;
  removeRequest(id: string): Promise<void>;
  /** Takes a reply pasted into the wrong thread (or not wanted) back out of it. */
  removeReply(requestId: string, replyId: string): Promise<SentRequestView>;
  readReply(armored: unknown, options?: ReadReplyOptions): Promise<ReadReplyResult>;
  /** A file attached to a PGP/MIME reply, for saving outside the vault. */
  replyAttachment(requestId: string, replyId: string, index: number): Promise<ReplyAttachment>;
}

export function createRequestBook(deps: {
  records: EncryptedRecordStore;
  clock: () => Date;
  teams: TeamStore;
  ownKeys: OwnKeyStore;
  replyKeys: ReplyKeyStore;
}): RequestBook {
  const { records, ...stores } = deps;
  const ctx: RequestBookContext = { ...stores, requests: requestRecords(records) };
  return {
    composeRequest: (draft, label) => composeRequest(ctx, draft, label),
    listRequests: () => listRequestViews(ctx),
    getRequest: (id) => requestViewById(ctx, id),
    markSent: (id) => markSent(ctx, id),
    removeRequest: (id) => removeRequest(ctx, id),
    removeReply: (requestId, replyId) => removeReply(ctx, requestId, replyId),
    readReply: (armored, options) => readReply(ctx, armored, options),
    replyAttachment: (requestId, replyId, index) => replyAttachment(ctx, requestId, replyId, index),
  };
}
