import { Fingerprint } from '@signalapp/libsignal-client';
import type { PublicKey } from '@signalapp/libsignal-client';
import { toBase64, utf8 } from './bytes';

/**
 * Signal's safety number: 5200 iterations, fingerprint version 2, each side identified by its
 * channel address. Both sides get the same 60 digits (libsignal orders the halves).
 */
const FINGERPRINT_ITERATIONS = 5200;
const FINGERPRINT_VERSION = 2;

export function computeSafetyNumber(
  localAddress: string,
  localKey: PublicKey,
  remoteAddress: string,
  remoteKey: PublicKey,
): { digits: string; groups: string[]; scannable: string } {
  const fingerprint = Fingerprint.new(
    FINGERPRINT_ITERATIONS,
    FINGERPRINT_VERSION,
    utf8(localAddress),
    localKey,
    utf8(remoteAddress),
    remoteKey,
  );
  const digits = fingerprint.displayableFingerprint().toString();
  const groups = digits.match(/\d{5}/g) ?? [];
  return { digits, groups, scannable: toBase64(fingerprint.scannableFingerprint().toBuffer()) };
}
