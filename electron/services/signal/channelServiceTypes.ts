import type { ChannelBundle } from '../../../shared/channel/bundleSchema';
import type {
  ChannelMessage,
  ChannelRole,
  ChannelThreadSummary,
  HistoryRetention,
  SafetyNumber,
} from '../../../shared/channel/channelTypes';
import type { EncryptedRecordStore } from '../vault';
import type { WarnLogger } from '../log';
import type { PreKeyPolicy } from './deskPreKeys';
import type { EpochKeyFile } from './epochKeyFile';

export interface ChannelServiceOptions {
  /** The vault's record store; the sealed channel state lives in it (channelState.ts). */
  records: EncryptedRecordStore;
  /**
   * The file overwritten in place that holds the current epoch key (inPlaceEpochKeyFile in the
   * vault folder). Without it an old state carved from the disk would still open.
   */
  epochKeyFile: EpochKeyFile;
  role: ChannelRole;
  /** ms since epoch. */
  clock?: () => number;
  /** Cryptographic random bytes (addresses, registration id, envelope ids). Key generation is libsignal's own. */
  random?: (length: number) => Uint8Array;
  logger?: WarnLogger;
  /** Desk only: pre-key rotation period and grace. Defaults: 30 days each. */
  preKeyPolicy?: Partial<PreKeyPolicy>;
}

export interface SentMessage {
  /** The armored envelope to hand to any transport; the file form is these exact bytes (UTF-8). */
  envelope: string;
  threadId: string;
  message: ChannelMessage;
}

export interface ReceivedMessage {
  threadId: string;
  /** True when this first message created the thread (desk: a new person wrote in). */
  newThread: boolean;
  /** For display; stored only if the thread's retention is not 'none'. */
  message: ChannelMessage;
}

export interface ChannelService {
  readonly role: ChannelRole;
  describeSelf(): Promise<{ role: ChannelRole; address: string; registrationId: number }>;
  /** Desk: the bundle for the contact card (rotates first if due). */
  exportBundle(): Promise<ChannelBundle>;
  /** Desk: rotate signed + Kyber pre-keys if due; delete those past their grace. */
  rotatePreKeysIfDue(): Promise<{ rotated: boolean; prunedGenerations: number }>;
  /** User: start (or keep) a session with a desk from its card's bundle. */
  startSession(bundle: unknown): Promise<ChannelThreadSummary>;
  send(threadId: string, body: string): Promise<SentMessage>;
  receive(armoredEnvelope: string): Promise<ReceivedMessage>;
  listThreads(): Promise<ChannelThreadSummary[]>;
  /** Purges the thread's expired history, then returns what is left, oldest first. */
  openThread(threadId: string): Promise<{ thread: ChannelThreadSummary; messages: ChannelMessage[] }>;
  setRetention(threadId: string, retention: HistoryRetention): Promise<ChannelThreadSummary>;
  safetyNumber(threadId: string): Promise<SafetyNumber>;
  /**
   * The person compared the safety number. Accepts a pending identity change (re-keys the
   * session from the re-issued bundle). `displayedDigits`, if given, must equal the current
   * number, so a key that changed while the dialog was open is not verified by mistake.
   */
  markVerified(threadId: string, displayedDigits?: string): Promise<ChannelThreadSummary>;
  /**
   * Removes history past each thread's retention; the desk also rotates/prunes pre-keys. The
   * first call of any method on a new instance purges history too; call this periodically.
   */
  purgeExpired(now?: number): Promise<{ removedMessages: number }>;
}
