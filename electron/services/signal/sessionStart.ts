import { ProtocolAddress } from '@signalapp/libsignal-client';
import type { ChannelThreadSummary } from '../../../shared/channel/channelTypes';
import { probeBundle, sessionFromBundle } from './bundleSession';
import { verifyChannelBundle } from './bundleVerification';
import type { VerifiedBundle } from './bundleVerification';
import { channelError } from './channelErrors';
import type { RejectionSlot } from './channelErrors';
import { CommittedRefusal, requireRole } from './operationRunner';
import type { OperationScope } from './operationRunner';
import { readRemoteIdentity } from './protocolStores';
import { newThreadRecord, peerAddressOf, readThread, summarizeThread, writeThread } from './threadStore';
import type { ThreadRecord } from './threadStore';

/** User: start (or keep) a session with a desk from its card's bundle. */
export async function startSession(
  scope: OperationScope,
  bundleInput: unknown,
): Promise<ChannelThreadSummary> {
  requireRole(scope.context, 'user');
  const { tx, identity, now } = scope;
  const verified = verifyChannelBundle(bundleInput, now);
  const threadId = verified.bundle.address;
  if (threadId === identity.address) {
    throw channelError('channel/bundle-malformed');
  }
  const thread = await readThread(tx, threadId);
  const knownKey = await readRemoteIdentity(tx, threadId);
  if (knownKey && !knownKey.equals(verified.identityKey)) {
    await rememberOffer(scope, thread, verified);
  }
  if (thread?.pendingIdentity) {
    throw channelError('channel/identity-changed', { threadId });
  }
  if (thread && (await hasAcknowledgedSession(scope, thread))) {
    return summarizeThread(thread);
  }
  const slot: RejectionSlot = { reason: null };
  const peer = ProtocolAddress.new(threadId, verified.bundle.deviceId);
  await sessionFromBundle(scope, verified, peer, scope.stores(slot), slot);
  const next: ThreadRecord = {
    ...(thread ?? newThreadRecord(threadId, verified.bundle.deviceId, verified.bundle.registrationId, now)),
    peerDeviceId: verified.bundle.deviceId,
    peerRegistrationId: verified.bundle.registrationId,
  };
  writeThread(tx, next);
  return summarizeThread(next);
}

/**
 * A re-issued card with another identity: keep the old session, remember the offer, block
 * sending until the person compares the new safety number (markVerified), and refuse with
 * `channel/identity-changed` once the offer is committed. Everything that could make the offer
 * unusable is checked first: the bundle already verified, and libsignal must accept it.
 */
async function rememberOffer(
  scope: OperationScope,
  thread: ThreadRecord | null,
  verified: VerifiedBundle,
): Promise<never> {
  const { bundle } = verified;
  await probeBundle(scope, verified);
  const base = thread ?? newThreadRecord(bundle.address, bundle.deviceId, bundle.registrationId, scope.now);
  writeThread(scope.tx, { ...base, pendingIdentity: { identityKey: bundle.identityKey, bundle } });
  throw new CommittedRefusal(channelError('channel/identity-changed', { threadId: bundle.address }));
}

async function hasAcknowledgedSession(scope: OperationScope, thread: ThreadRecord): Promise<boolean> {
  if (thread.lastReceivedAt === null) {
    return false;
  }
  const session = await scope.stores({ reason: null }).sessions.getSession(peerAddressOf(thread));
  return session?.hasCurrentState(new Date(scope.now)) ?? false;
}
