import { ProtocolAddress, PublicKey } from '@signalapp/libsignal-client';
import type { ChannelThreadSummary, SafetyNumber } from '../../../shared/channel/channelTypes';
import { fromBase64Strict } from './bytes';
import { sessionFromBundle } from './bundleSession';
import { verifyChannelBundle } from './bundleVerification';
import { channelError } from './channelErrors';
import type { RejectionSlot } from './channelErrors';
import type { OperationScope } from './operationRunner';
import { readRemoteIdentity, sessionRecordId, writeRemoteIdentity } from './protocolStores';
import { COLLECTIONS } from './recordCollections';
import { computeSafetyNumber } from './safetyNumber';
import { peerAddressOf, requireThread, summarizeThread, writeThread } from './threadStore';
import type { ThreadRecord } from './threadStore';

/** The number to compare: against the offered key while an identity change is pending. */
export async function safetyNumberFor(scope: OperationScope, thread: ThreadRecord): Promise<SafetyNumber> {
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
}

/** The person compared the number; a pending identity change is accepted and the session re-keyed. */
export async function markVerified(
  scope: OperationScope,
  threadId: string,
  displayedDigits?: string,
): Promise<ChannelThreadSummary> {
  const thread = await requireThread(scope.tx, threadId);
  if (displayedDigits !== undefined) {
    const current = await safetyNumberFor(scope, thread);
    if (current.digits !== displayedDigits.replace(/\s+/g, '')) {
      throw channelError('channel/safety-number-mismatch');
    }
  }
  const verified: ThreadRecord = { ...thread, verified: true };
  const next = thread.pendingIdentity ? await acceptOffer(scope, verified, thread.pendingIdentity) : verified;
  writeThread(scope.tx, next);
  return summarizeThread(next);
}

type PendingIdentity = NonNullable<ThreadRecord['pendingIdentity']>;

async function acceptOffer(
  scope: OperationScope,
  thread: ThreadRecord,
  pending: PendingIdentity,
): Promise<ThreadRecord> {
  const { tx, now } = scope;
  const offered = verifyChannelBundle(pending.bundle, now);
  const peer = ProtocolAddress.new(thread.threadId, offered.bundle.deviceId);
  // The old session belongs to the old identity; it must not be used again.
  tx.remove(COLLECTIONS.sessions, sessionRecordId(peerAddressOf(thread)));
  writeRemoteIdentity(tx, thread.threadId, offered.identityKey);
  const slot: RejectionSlot = { reason: null };
  await sessionFromBundle(scope, offered, peer, scope.stores(slot), slot);
  return {
    ...thread,
    pendingIdentity: null,
    peerDeviceId: offered.bundle.deviceId,
    peerRegistrationId: offered.bundle.registrationId,
    lastReceivedAt: null,
  };
}

function fromBase64OrCorrupt(text: string): Uint8Array<ArrayBuffer> {
  const bytes = fromBase64Strict(text);
  if (!bytes) {
    throw channelError('channel/state-corrupt', { record: 'thread' });
  }
  return bytes;
}
