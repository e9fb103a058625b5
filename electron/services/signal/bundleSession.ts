import { ProtocolAddress, processPreKeyBundle } from '@signalapp/libsignal-client';
import { TikhoError } from '../../../shared/errors';
import { channelError } from './channelErrors';
import type { RejectionSlot } from './channelErrors';
import type { VerifiedBundle } from './bundleVerification';
import type { OperationScope } from './operationRunner';
import { createProtocolStores } from './protocolStores';
import type { ProtocolStores } from './protocolStores';
import { beginRecordTransaction } from './recordTransaction';

/**
 * Starts a libsignal session with `peer` from a verified bundle, writing through `stores`. A
 * store callback's refusal keeps its own code; anything else libsignal refuses in a bundle
 * whose signatures already verified is reported as a bad bundle.
 */
export async function sessionFromBundle(
  scope: Pick<OperationScope, 'localAddress' | 'now'>,
  verified: VerifiedBundle,
  peer: ProtocolAddress,
  stores: ProtocolStores,
  slot: RejectionSlot,
): Promise<void> {
  try {
    await processPreKeyBundle(
      verified.preKeyBundle,
      peer,
      scope.localAddress,
      stores.sessions,
      stores.identities,
      new Date(scope.now),
    );
  } catch (error) {
    throw slot.reason ? channelError(slot.reason) : toBundleError(error);
  }
}

/**
 * Runs sessionFromBundle against stores over an empty, never committed transaction: what
 * markVerified will do with an offered bundle, tried before the offer is kept, so an offer that
 * could never be accepted is refused now instead of blocking the thread.
 */
export async function probeBundle(scope: OperationScope, verified: VerifiedBundle): Promise<void> {
  const scratch = beginRecordTransaction(new Map(), () =>
    Promise.reject(new Error('a bundle probe never commits')),
  );
  const slot: RejectionSlot = { reason: null };
  const stores = createProtocolStores({
    tx: scratch,
    identity: scope.identity,
    rejection: slot,
    now: scope.now,
    policy: scope.context.policy,
    expectedRemoteIdentity: null,
  });
  const peer = ProtocolAddress.new(verified.bundle.address, verified.bundle.deviceId);
  await sessionFromBundle(scope, verified, peer, stores, slot);
}

function toBundleError(error: unknown): TikhoError {
  if (error instanceof TikhoError) {
    return error;
  }
  return channelError('channel/bundle-bad-signature');
}
