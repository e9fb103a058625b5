import { ErrorCode, LibSignalErrorBase } from '@signalapp/libsignal-client';
import { TikhoError, errorsOf } from '../../../shared/errors';
import type { ChannelErrorCode } from '../../../shared/channel/channelTypes';

export const channelError = errorsOf<'channel'>();

/**
 * A store callback that refuses an operation records why here before throwing, because
 * libsignal wraps callback exceptions into a generic error and the reason would be lost.
 */
export interface RejectionSlot {
  reason: ChannelErrorCode | null;
}

/**
 * Maps whatever a libsignal decrypt threw to one of our codes. Anything we cannot name is
 * reported as tampering: the ciphertext did not authenticate under any state we hold.
 */
export function toDecryptError(error: unknown, slot: RejectionSlot): TikhoError {
  if (error instanceof TikhoError) {
    return error;
  }
  if (slot.reason !== null) {
    return channelError(slot.reason);
  }
  if (error instanceof LibSignalErrorBase) {
    switch (error.code) {
      case ErrorCode.DuplicatedMessage:
        return channelError('channel/duplicate');
      case ErrorCode.UntrustedIdentity:
        return channelError('channel/identity-changed');
      case ErrorCode.InvalidSession:
        return channelError('channel/unknown-sender');
      default:
        return channelError('channel/tampered');
    }
  }
  return channelError('channel/tampered');
}
