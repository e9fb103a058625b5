import type { OwnKeyStore } from './ownKeyStore';
import type { ReplyKeyStore } from './replyKeyStore';
import type { RequestRecords } from './requestRecord';
import type { TeamStore } from './teamStore';

/**
 * What every part of the request book uses: the stored requests, the clock, and the stores of
 * teams and keys. One object, so composing (composeRequest.ts), reading replies (readReply.ts)
 * and status changes (requestStatus.ts) live in their own files; requestBook.ts only wires them.
 */
export interface RequestBookContext {
  readonly requests: RequestRecords;
  readonly clock: () => Date;
  readonly teams: TeamStore;
  readonly ownKeys: OwnKeyStore;
  readonly replyKeys: ReplyKeyStore;
}
