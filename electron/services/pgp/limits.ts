/** Input caps, checked before any parser sees the input (a paste can be anything). */
export const MAX_ARMORED_MESSAGE_CHARS = 4 * 1024 * 1024;
export const MAX_ARMORED_KEY_CHARS = 256 * 1024;
export const MAX_CARD_CHARS = 256 * 1024;
/** Replies kept per request thread; beyond it the oldest are not dropped, new ones are refused. */
export const MAX_REPLIES_PER_REQUEST = 500;
