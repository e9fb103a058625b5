import { randomBytes } from 'node:crypto';
import {
  CiphertextMessageType,
  PreKeySignalMessage,
  ProtocolAddress,
  PublicKey,
  SignalMessage,
  processPreKeyBundle,
  signalDecrypt,
  signalDecryptPreKey,
  signalEncrypt,
} from '@signalapp/libsignal-client';
import type { ChannelBundle } from '../../../shared/channel/bundleSchema';
import type {
  ChannelMessage,
  ChannelRole,
  ChannelThreadSummary,
  HistoryRetention,
  SafetyNumber,
} from '../../../shared/channel/channelTypes';
import { DEFAULT_HISTORY_RETENTION, historyRetentionSchema } from '../../../shared/channel/channelTypes';
import { TikhoError } from '../../../shared/errors';
import type { EncryptedRecordStore } from '../vault';
import { copyBytes, fromBase64Strict, toHex } from './bytes';
import { channelError, toDecryptError } from './channelErrors';
import type { RejectionSlot } from './channelErrors';
import { verifyChannelBundle } from './bundleVerification';
import { DEFAULT_PREKEY_POLICY, buildChannelBundle, rotatePreKeysIfDue } from './deskPreKeys';
import type { PreKeyPolicy } from './deskPreKeys';
import { ENVELOPE_ID_BYTES, encodeArmoredEnvelope, parseArmoredEnvelope } from './envelopeCodec';
import { loadOrCreateLocalIdentity } from './localIdentity';
import type { LocalIdentity } from './localIdentity';
import { decodeMessagePayload, encodeMessagePayload } from './messagePayload';
import { createOperationQueue } from './operationQueue';
import {
  createProtocolStores,
  readRemoteIdentity,
  sessionRecordId,
  writeRemoteIdentity,
} from './protocolStores';
import type { ProtocolStores } from './protocolStores';
import { COLLECTIONS } from './recordCollections';
import { beginRecordTransaction } from './recordTransaction';
import { openChannelState } from './channelState';
import type { EpochKeyFile } from './epochKeyFile';
import type { RecordTransaction } from './recordTransaction';
import { computeSafetyNumber } from './safetyNumber';
import { hasSeenEnvelope, purgeSeenEnvelopes, rememberEnvelope } from './seenEnvelopes';
import { listOrphanHistoryIds, purgeThreadHistory, readThreadMessages, storeMessage } from './threadHistory';
import { listThreadIds, readThread, requireThread, summarizeThread, writeThread } from './threadStore';
import type { ThreadRecord } from './threadStore';
import type { WarnLogger } from '../log';

export type { PreKeyPolicy } from './deskPreKeys';
export type { EpochKeyFile } from './epochKeyFile';
export { inPlaceEpochKeyFile } from './epochKeyFile';
export { EPOCH_COPY_BYTES } from './channelState';

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

export function createChannelService(options: ChannelServiceOptions): ChannelService {
  const { records, role, logger, epochKeyFile } = options;
  const clock = options.clock ?? (() => Date.now());
  const random = options.random ?? ((length: number) => new Uint8Array(randomBytes(length)));
  const policy: PreKeyPolicy = { ...DEFAULT_PREKEY_POLICY, ...options.preKeyPolicy };
  const enqueue = createOperationQueue();

  interface OperationScope {
    tx: RecordTransaction;
    identity: LocalIdentity;
    now: number;
    localAddress: ProtocolAddress;
    stores(slot: RejectionSlot, expectedRemoteIdentity?: PublicKey | null): ProtocolStores;
  }

  /**
   * Every public method runs here: one at a time, inside one record transaction that reaches
   * the vault only if the operation returns. Nothing secret is cached between operations, so
   * a locked vault means a locked channel.
   */
  /** Set once the first operation of this instance (the "open") has purged expired history. */
  let purgedOnOpen = false;

  const run = <T>(operation: (scope: OperationScope) => Promise<T>, now = clock()): Promise<T> =>
    enqueue(async () => {
      const state = await openChannelState(records, epochKeyFile);
      const tx = beginRecordTransaction(
        state.entries,
        (next, history) => state.commit(next, history),
        state.legacy,
        state.history,
      );
      const identity = await loadOrCreateLocalIdentity(tx, role, random, now);
      const purgesNow = !purgedOnOpen;
      if (purgesNow) {
        await purgeAllHistory(tx, now);
      }
      const scope: OperationScope = {
        tx,
        identity,
        now,
        localAddress: ProtocolAddress.new(identity.address, identity.deviceId),
        stores: (slot, expectedRemoteIdentity = null) =>
          createProtocolStores({ tx, identity, rejection: slot, now, policy, expectedRemoteIdentity }),
      };
      const result = await operation(scope);
      await tx.commit();
      purgedOnOpen ||= purgesNow;
      return result;
    });

  const requireRole = (expected: ChannelRole): void => {
    if (role !== expected) {
      throw channelError('channel/wrong-role', { expected, actual: role });
    }
  };

  const peerAddressOf = (thread: ThreadRecord): ProtocolAddress =>
    ProtocolAddress.new(thread.threadId, thread.peerDeviceId);

  const safetyNumberFor = async (scope: OperationScope, thread: ThreadRecord): Promise<SafetyNumber> => {
    const remoteKey = thread.pendingIdentity
      ? PublicKey.deserialize(fromBase64OrCorrupt(thread.pendingIdentity.identityKey))
      : await readRemoteIdentity(scope.tx, thread.threadId);
    if (!remoteKey) {
      throw channelError('channel/state-corrupt', { record: 'identity' });
    }
    const number = computeSafetyNumber(
      scope.identity.address,
      scope.identity.keyPair.publicKey,
      thread.threadId,
      remoteKey,
    );
    return { ...number, verified: thread.verified, identityChanged: thread.pendingIdentity !== null };
  };

  const hasAcknowledgedSession = async (
    scope: OperationScope,
    thread: ThreadRecord | null,
  ): Promise<boolean> => {
    if (!thread || thread.lastReceivedAt === null) {
      return false;
    }
    const session = await scope.stores({ reason: null }).sessions.getSession(peerAddressOf(thread));
    return session?.hasCurrentState(new Date(scope.now)) ?? false;
  };

  return {
    role,

    describeSelf: () =>
      run(async ({ identity }) =>
        Promise.resolve({
          role: identity.role,
          address: identity.address,
          registrationId: identity.registrationId,
        }),
      ),

    exportBundle: () =>
      run(async ({ tx, identity, now }) => {
        requireRole('desk');
        const { current } = await rotatePreKeysIfDue(tx, identity, now, policy);
        return buildChannelBundle(tx, identity, current, policy);
      }),

    rotatePreKeysIfDue: () =>
      run(async ({ tx, identity, now }) => {
        requireRole('desk');
        const { rotated, pruned } = await rotatePreKeysIfDue(tx, identity, now, policy);
        return { rotated, prunedGenerations: pruned };
      }),

    startSession: (bundleInput) =>
      run(async (scope) => {
        requireRole('user');
        const { tx, identity, now } = scope;
        const verified = verifyChannelBundle(bundleInput, now);
        const threadId = verified.bundle.address;
        if (threadId === identity.address) {
          throw channelError('channel/bundle-malformed');
        }
        const thread = await readThread(tx, threadId);
        const knownKey = await readRemoteIdentity(tx, threadId);
        if (knownKey && !knownKey.equals(verified.identityKey)) {
          // A re-issued card with another identity: keep the old session, remember the offer,
          // block sending until the person compares the new safety number (markVerified).
          const base: ThreadRecord =
            thread ??
            newThreadRecord(threadId, verified.bundle.deviceId, verified.bundle.registrationId, now);
          writeThread(tx, {
            ...base,
            pendingIdentity: { identityKey: verified.bundle.identityKey, bundle: verified.bundle },
          });
          await tx.commit();
          throw channelError('channel/identity-changed', { threadId });
        }
        if (thread?.pendingIdentity) {
          throw channelError('channel/identity-changed', { threadId });
        }
        if (thread && (await hasAcknowledgedSession(scope, thread))) {
          return summarizeThread(thread);
        }
        const slot: RejectionSlot = { reason: null };
        const stores = scope.stores(slot);
        try {
          await processPreKeyBundle(
            verified.preKeyBundle,
            ProtocolAddress.new(threadId, verified.bundle.deviceId),
            scope.localAddress,
            stores.sessions,
            stores.identities,
            new Date(now),
          );
        } catch (error) {
          throw slot.reason ? channelError(slot.reason) : toBundleError(error);
        }
        const next: ThreadRecord = {
          ...(thread ??
            newThreadRecord(threadId, verified.bundle.deviceId, verified.bundle.registrationId, now)),
          peerDeviceId: verified.bundle.deviceId,
          peerRegistrationId: verified.bundle.registrationId,
        };
        writeThread(tx, next);
        return summarizeThread(next);
      }),

    send: (threadId, body) =>
      run(async (scope) => {
        const { tx, identity, now } = scope;
        const thread = await requireThread(tx, threadId);
        if (thread.pendingIdentity) {
          throw channelError('channel/identity-changed', { threadId });
        }
        const slot: RejectionSlot = { reason: null };
        const stores = scope.stores(slot);
        const peer = peerAddressOf(thread);
        const session = await stores.sessions.getSession(peer);
        if (!session?.hasCurrentState(new Date(now))) {
          throw channelError('channel/no-session', { threadId });
        }
        const envelopeId = random(ENVELOPE_ID_BYTES).slice(0, ENVELOPE_ID_BYTES);
        const payload = encodeMessagePayload({ envelopeId, sentAt: now, body });
        let ciphertext;
        try {
          ciphertext = await signalEncrypt(
            payload,
            peer,
            scope.localAddress,
            stores.sessions,
            stores.identities,
            new Date(now),
          );
        } catch (error) {
          throw toDecryptError(error, slot);
        }
        const isFirst = ciphertext.type() === (CiphertextMessageType.PreKey as number);
        const envelope = encodeArmoredEnvelope({
          messageType: isFirst ? 'prekey' : 'whisper',
          envelopeId,
          senderAddress: identity.address,
          senderDeviceId: identity.deviceId,
          senderRegistrationId: identity.registrationId,
          recipientAddress: threadId,
          senderIdentityKey: isFirst ? identity.keyPair.publicKey.serialize() : null,
          ciphertext: ciphertext.serialize(),
        });
        const message: ChannelMessage = {
          envelopeId: toHex(envelopeId),
          direction: 'out',
          body,
          sentAt: now,
          storedAt: now,
        };
        storeMessage(tx, threadId, thread.retention, message, random);
        writeThread(tx, { ...thread, lastMessageAt: now });
        return { envelope, threadId, message };
      }),

    receive: (armoredEnvelope) =>
      run(async (scope) => {
        const { tx, identity, now } = scope;
        const envelope = parseArmoredEnvelope(armoredEnvelope);
        if (envelope.recipientAddress !== identity.address) {
          throw channelError('channel/not-for-me');
        }
        const threadId = envelope.senderAddress;
        const thread = await readThread(tx, threadId);
        if (thread && (await hasSeenEnvelope(tx, threadId, envelope.envelopeId))) {
          throw channelError('channel/duplicate');
        }
        const peer = ProtocolAddress.new(threadId, envelope.senderDeviceId);
        const slot: RejectionSlot = { reason: null };
        let plaintext: Uint8Array;
        if (envelope.messageType === 'prekey') {
          // Users publish no pre-keys, so nobody can legitimately open a session to a user.
          if (role !== 'desk') {
            throw channelError('channel/unknown-sender');
          }
          const declaredKey = decodeDeclaredIdentity(envelope.senderIdentityKey);
          const knownKey = await readRemoteIdentity(tx, threadId);
          if (knownKey && !knownKey.equals(declaredKey)) {
            // Anyone can copy a user's address from an old envelope: refuse, record nothing.
            throw channelError('channel/identity-changed', { threadId });
          }
          let message: PreKeySignalMessage;
          try {
            message = PreKeySignalMessage.deserialize(copyBytes(envelope.ciphertext));
          } catch {
            throw channelError('channel/tampered');
          }
          if (message.registrationId() !== envelope.senderRegistrationId) {
            throw channelError('channel/tampered');
          }
          if (message.preKeyId() !== null) {
            throw channelError('channel/stale-prekey');
          }
          const stores = scope.stores(slot, declaredKey);
          try {
            plaintext = await signalDecryptPreKey(
              message,
              peer,
              scope.localAddress,
              stores.sessions,
              stores.identities,
              stores.preKeys,
              stores.signedPreKeys,
              stores.kyberPreKeys,
            );
          } catch (error) {
            throw reportRejection(toDecryptError(error, slot));
          }
        } else {
          const stores = scope.stores(slot);
          if (!thread || !(await stores.sessions.getSession(peer))) {
            throw channelError('channel/unknown-sender');
          }
          if (
            thread.peerRegistrationId !== envelope.senderRegistrationId ||
            thread.peerDeviceId !== envelope.senderDeviceId
          ) {
            throw channelError('channel/tampered');
          }
          let message: SignalMessage;
          try {
            message = SignalMessage.deserialize(copyBytes(envelope.ciphertext));
          } catch {
            throw channelError('channel/tampered');
          }
          try {
            plaintext = await signalDecrypt(
              message,
              peer,
              scope.localAddress,
              stores.sessions,
              stores.identities,
            );
          } catch (error) {
            throw reportRejection(toDecryptError(error, slot));
          }
        }
        const payload = decodeMessagePayload(plaintext, envelope.envelopeId);
        const base =
          thread ?? newThreadRecord(threadId, envelope.senderDeviceId, envelope.senderRegistrationId, now);
        const message: ChannelMessage = {
          envelopeId: toHex(envelope.envelopeId),
          direction: 'in',
          body: payload.body,
          sentAt: payload.sentAt,
          storedAt: now,
        };
        await rememberEnvelope(tx, threadId, base.retention, envelope.envelopeId, now);
        storeMessage(tx, threadId, base.retention, message, random);
        writeThread(tx, { ...base, lastMessageAt: now, lastReceivedAt: now });
        return { threadId, newThread: thread === null, message };
      }),

    listThreads: () =>
      run(async ({ tx }) => {
        const summaries: ChannelThreadSummary[] = [];
        for (const id of await listThreadIds(tx)) {
          const thread = await readThread(tx, id);
          if (thread) {
            summaries.push(summarizeThread(thread));
          }
        }
        return summaries;
      }),

    openThread: (threadId) =>
      run(async ({ tx, now }) => {
        const thread = await requireThread(tx, threadId);
        await purgeThread(tx, threadId, thread.retention, now);
        return { thread: summarizeThread(thread), messages: await readThreadMessages(tx, threadId) };
      }),

    setRetention: (threadId, retention) =>
      run(async ({ tx, now }) => {
        const parsed = historyRetentionSchema.parse(retention);
        const thread = await requireThread(tx, threadId);
        const next = { ...thread, retention: parsed };
        writeThread(tx, next);
        await purgeThread(tx, threadId, parsed, now);
        return summarizeThread(next);
      }),

    safetyNumber: (threadId) =>
      run(async (scope) => safetyNumberFor(scope, await requireThread(scope.tx, threadId))),

    markVerified: (threadId, displayedDigits) =>
      run(async (scope) => {
        const { tx, now } = scope;
        const thread = await requireThread(tx, threadId);
        if (displayedDigits !== undefined) {
          const current = await safetyNumberFor(scope, thread);
          if (current.digits !== displayedDigits.replace(/\s+/g, '')) {
            throw channelError('channel/safety-number-mismatch');
          }
        }
        let next: ThreadRecord = { ...thread, verified: true };
        if (thread.pendingIdentity) {
          const offered = verifyChannelBundle(thread.pendingIdentity.bundle, now);
          const peer = ProtocolAddress.new(threadId, offered.bundle.deviceId);
          // The old session belongs to the old identity; it must not be used again.
          tx.remove(COLLECTIONS.sessions, sessionRecordId(peerAddressOf(thread)));
          writeRemoteIdentity(tx, threadId, offered.identityKey);
          const slot: RejectionSlot = { reason: null };
          const stores = scope.stores(slot);
          try {
            await processPreKeyBundle(
              offered.preKeyBundle,
              peer,
              scope.localAddress,
              stores.sessions,
              stores.identities,
              new Date(now),
            );
          } catch (error) {
            throw slot.reason ? channelError(slot.reason) : toBundleError(error);
          }
          next = {
            ...next,
            pendingIdentity: null,
            peerDeviceId: offered.bundle.deviceId,
            peerRegistrationId: offered.bundle.registrationId,
            lastReceivedAt: null,
          };
        }
        writeThread(tx, next);
        return summarizeThread(next);
      }),

    purgeExpired: (at) =>
      run(async ({ tx, identity, now }) => {
        const removedMessages = await purgeAllHistory(tx, now);
        if (role === 'desk') {
          await rotatePreKeysIfDue(tx, identity, now, policy);
        }
        return { removedMessages };
      }, at ?? clock()),
  };

  async function purgeAllHistory(tx: RecordTransaction, now: number): Promise<number> {
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

  async function purgeThread(
    tx: RecordTransaction,
    threadId: string,
    retention: HistoryRetention,
    now: number,
  ): Promise<number> {
    await purgeSeenEnvelopes(tx, threadId, retention, now);
    return purgeThreadHistory(tx, threadId, retention, now);
  }

  function reportRejection(error: TikhoError): TikhoError {
    logger?.warn('channel: envelope rejected', { code: error.code });
    return error;
  }
}

function newThreadRecord(
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

function decodeDeclaredIdentity(bytes: Uint8Array | null): PublicKey {
  if (bytes === null) {
    throw channelError('channel/envelope-malformed');
  }
  try {
    return PublicKey.deserialize(copyBytes(bytes));
  } catch {
    throw channelError('channel/envelope-malformed');
  }
}

function fromBase64OrCorrupt(text: string): Uint8Array<ArrayBuffer> {
  const bytes = fromBase64Strict(text);
  if (!bytes) {
    throw channelError('channel/state-corrupt', { record: 'thread' });
  }
  return bytes;
}

function toBundleError(error: unknown): TikhoError {
  if (error instanceof TikhoError) {
    return error;
  }
  return channelError('channel/bundle-bad-signature');
}

// For the IPC layer (e.g. to tell a pasted envelope from other text); format: docs/channel-envelope.md.
export { parseArmoredEnvelope, ARMOR_BEGIN, ARMOR_END } from './envelopeCodec';
