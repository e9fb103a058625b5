import { z } from 'zod';
import { REQUEST_CATEGORIES } from './categories';
import { FREE_TEXT_MAX, TEXTAREA_FIELD_MAX } from './forms';
import type { RequestCategory } from './categories';

/**
 * The JSON payload of a request, inside the encrypted message. A team's own tools parse it;
 * the readable text part next to it is for a person reading the output of `gpg --decrypt`.
 */
export const REQUEST_FORMAT = 'tikho-request';

export const requestPayloadSchema = z
  .object({
    format: z.literal(REQUEST_FORMAT),
    version: z.literal(1),
    category: z.enum(REQUEST_CATEGORIES),
    fields: z.record(z.string().max(64), z.string().max(TEXTAREA_FIELD_MAX)),
    text: z.string().max(FREE_TEXT_MAX),
    createdAt: z.iso.datetime(),
    /** The armored public key the team answers to: the sender's own key, or a one-time key. */
    replyKey: z
      .string()
      .max(64 * 1024)
      .optional(),
  })
  .strict();
export type RequestPayload = z.infer<typeof requestPayloadSchema>;

export const REQUEST_STATUSES = ['encrypted', 'sent', 'answered'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

/**
 * Who signed a reply, judged against the teams the user imported:
 * - verified: a team key whose fingerprint the user confirmed;
 * - known-unverified: a team key not yet confirmed (or confirmed for another team);
 * - unknown: a signature by a key the app does not hold, so it cannot be checked;
 * - unsigned: no signature at all.
 * A signature that fails to verify is never a status: it is the error `pgp/bad-signature`, and
 * the text is not shown.
 */
export type SignerStatus = 'verified' | 'known-unverified' | 'unknown' | 'unsigned';

export interface SignerView {
  status: SignerStatus;
  /** Full fingerprint of the signing primary key when known; the 16-hex key id otherwise. */
  fingerprint: string | null;
  fingerprintGroups: string[] | null;
  keyId: string | null;
  teamId: string | null;
  teamName: string | null;
  /** When the signature says it was made (ISO); null if unsigned or not recorded. */
  signedAt?: string | null;
}

export interface ReplyView {
  id: string;
  receivedAt: string;
  text: string;
  signer: SignerView;
  decryptedWith: 'own-key' | 'one-time-key';
  /** Files of a PGP/MIME reply; absent on replies stored before they were read. */
  attachments?: { name: string; mediaType: string; size: number }[];
  /** The team revoked its key and this reply's signature is dated after that (or undated). */
  signedAfterRevocation?: boolean;
}

export interface SentRequestView {
  id: string;
  teamId: string;
  teamName: string;
  /** The team's fingerprint at the time of sending, and whether the user had confirmed it. */
  teamFingerprint: string;
  teamVerifiedAtSend: boolean;
  category: RequestCategory;
  anonymous: boolean;
  status: RequestStatus;
  createdAt: string;
  sentAt: string | null;
  armored: string;
  payload: RequestPayload;
  replies: ReplyView[];
}
