/** Input caps, checked before any parser sees the input (a paste can be anything). */
export const MAX_ARMORED_MESSAGE_CHARS = 4 * 1024 * 1024;
export const MAX_ARMORED_KEY_CHARS = 256 * 1024;
export const MAX_CARD_CHARS = 256 * 1024;
/** Replies kept per request thread; beyond it the oldest are not dropped, new ones are refused. */
export const MAX_REPLIES_PER_REQUEST = 500;
/**
 * How far a signature's creation time may lie ahead of this computer's clock and still verify:
 * 30 minutes, the tolerance Sequoia applies (sequoia-openpgp `CLOCK_SKEW_TOLERANCE`). Laptops
 * drift by minutes; beyond this bound the person is told "signed with a clock set in the
 * future", never "forged", because the signature itself is intact.
 */
export const MAX_CLOCK_SKEW_MS = 30 * 60 * 1000;

/** The time signatures are checked at: the bounded skew ahead of `now` (see MAX_CLOCK_SKEW_MS). */
export function verificationDate(now: Date): Date {
  return new Date(now.getTime() + MAX_CLOCK_SKEW_MS);
}

/** openpgp's message for an intact signature dated after the verification time (pinned by tests). */
export const FUTURE_SIGNATURE = /Signature creation time is in the future/;
