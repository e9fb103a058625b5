import type { ErrorCodeOf } from '../errorCodes';
import { z } from 'zod';

/**
 * Plain data the channel service hands to the UI (through IPC). No secrets: bodies are the
 * user's own plaintext, shown on screen; keys appear only as safety-number digits.
 */

/** How long a thread keeps decrypted messages on this device. 'none' stores no plaintext at all. */
export const historyRetentionSchema = z.enum(['forever', '7d', '1d', 'none']);
export type HistoryRetention = z.infer<typeof historyRetentionSchema>;
export const DEFAULT_HISTORY_RETENTION: HistoryRetention = '7d';

export const channelRoleSchema = z.enum(['user', 'desk']);
export type ChannelRole = z.infer<typeof channelRoleSchema>;

/** Largest message body accepted for sending, in UTF-8 bytes. */
export const MAX_MESSAGE_BODY_BYTES = 32 * 1024;
/** Largest armored envelope the parser looks at, in characters. */
export const MAX_ARMORED_ENVELOPE_CHARS = 64 * 1024;

export interface ChannelMessage {
  /** 32 lowercase hex characters; the envelope's id, bound inside the ciphertext. */
  envelopeId: string;
  direction: 'in' | 'out';
  body: string;
  /** Sender's clock, ms since epoch (as claimed by the authenticated sender). */
  sentAt: number;
  /** This device's clock when the message was sent or received, ms since epoch. */
  storedAt: number;
}

export interface ChannelThreadSummary {
  threadId: string;
  peerAddress: string;
  retention: HistoryRetention;
  verified: boolean;
  /** The peer's identity key changed; sending is blocked until markVerified. */
  identityChanged: boolean;
  createdAt: number;
  lastMessageAt: number | null;
}

export interface SafetyNumber {
  /** 60 decimal digits, identical on both sides. */
  digits: string;
  /** The same digits in 12 groups of 5, for display. */
  groups: string[];
  /** libsignal's scannable fingerprint (standard base64), for a QR code. */
  scannable: string;
  verified: boolean;
  identityChanged: boolean;
}

/** Declared with every other code in shared/errorCodes.ts. */
export { CHANNEL_ERROR_CODES } from '../errorCodes';
export type ChannelErrorCode = ErrorCodeOf<'channel'>;
