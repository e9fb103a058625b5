import { processPreKeyBundle } from '@signalapp/libsignal-client';
import type { ProtocolAddress } from '@signalapp/libsignal-client';
import { TikhoError } from '../../../shared/errors';
import { channelError } from './channelErrors';
import type { RejectionSlot } from './channelErrors';
import type { VerifiedBundle } from './bundleVerification';
import type { OperationScope } from './operationRunner';
import type { ProtocolStores } from './protocolStores';

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

function toBundleError(error: unknown): TikhoError {
  if (error instanceof TikhoError) {
    return error;
  }
  return channelError('channel/bundle-bad-signature');
}
