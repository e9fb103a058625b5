import { z } from 'zod';
import { cardChannelsSchema } from '../contact/card';
import { requestCategorySchema } from '../contact/categories';
import { requestDraftSchema } from '../contact/forms';
import { REQUEST_STATUSES } from '../contact/request';
import { UNLOCKED, endpoint } from './endpoint';
import { empty, id, passphrase } from './limits';

/**
 * The contact domain: teams and their cards, the person's own key, requests and their
 * reply threads. Main does every OpenPGP operation; the renderer only ever sees public material,
 * the armored output and decrypted text the person asked to read.
 */

/**
 * Pastes and files may be up to 11 MiB here, on purpose above the service's own caps: a 10 MB
 * paste must reach the service and come back as its specific "too large" message,
 * not as a generic "request not understood". The dispatcher's 12 MiB envelope cap still holds.
 */
export const MAX_CONTACT_PASTE_CHARS = 11 * 1024 * 1024;
const paste = () => z.string().min(1).max(MAX_CONTACT_PASTE_CHARS);

const teamId = () =>
  z
    .string()
    .min(1)
    .max(64)
    .regex(/^[a-z0-9][a-z0-9-]*$/);

const groups = z.array(z.string().max(4)).max(16);

export const teamSummarySchema = z
  .object({
    teamId: z.string(),
    teamName: z.string(),
    fingerprint: z.string(),
    fingerprintGroups: groups,
    channels: cardChannelsSchema,
    /** The address of the team's secure-channel desk, if its card carries one (= the thread id). */
    deskAddress: z.string().nullable(),
    categories: z.array(requestCategorySchema),
    issuedAt: z.string(),
    verification: z.enum(['verified', 'unverified']),
    verifiedAt: z.string().nullable(),
    importedAt: z.string(),
    pendingKeyChange: z.object({ fingerprintGroups: groups, seenAt: z.string() }).strict().nullable(),
    revocation: z
      .object({
        revokedAt: z.string(),
        reason: z.enum(['compromised', 'superseded', 'retired', 'unspecified']),
      })
      .strict()
      .nullable(),
  })
  .strict();
export type TeamSummary = z.infer<typeof teamSummarySchema>;

export const importCardResultSchema = z
  .object({
    kind: z.enum(['new', 'updated', 'unchanged', 'key-changed', 'revoked']),
    team: teamSummarySchema,
    /** Only for key-changed: the key the person had, and the one the new card carries. */
    previousFingerprintGroups: groups.nullable(),
    newFingerprintGroups: groups.nullable(),
    /** Only for new: the name of a team already kept that this one's name looks like. */
    lookalikeOf: z.string().nullable(),
  })
  .strict();
export type ImportCardSummary = z.infer<typeof importCardResultSchema>;

export const ownKeySummarySchema = z
  .object({
    fingerprint: z.string(),
    fingerprintGroups: groups,
    createdAt: z.string(),
    validity: z.enum(['valid', 'expired', 'revoked']),
    revokedAt: z.string().nullable(),
  })
  .strict();
export type OwnKeySummary = z.infer<typeof ownKeySummarySchema>;

export const signerSummarySchema = z
  .object({
    status: z.enum(['verified', 'known-unverified', 'unknown', 'unsigned']),
    fingerprintGroups: groups.nullable(),
    keyId: z.string().nullable(),
    teamName: z.string().nullable(),
  })
  .strict();

export const replySummarySchema = z
  .object({
    id: z.string(),
    receivedAt: z.string(),
    text: z.string(),
    signer: signerSummarySchema,
    attachments: z
      .array(z.object({ name: z.string(), mediaType: z.string(), size: z.number().int().min(0) }).strict())
      .max(16),
    signedAfterRevocation: z.boolean(),
  })
  .strict();
export type ReplySummary = z.infer<typeof replySummarySchema>;

export const requestSummarySchema = z
  .object({
    id: z.string(),
    teamId: z.string(),
    teamName: z.string(),
    teamVerifiedAtSend: z.boolean(),
    category: requestCategorySchema,
    anonymous: z.boolean(),
    status: z.enum(REQUEST_STATUSES),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    armored: z.string(),
    fields: z.record(z.string(), z.string()),
    text: z.string(),
    replies: z.array(replySummarySchema),
  })
  .strict();
export type RequestSummary = z.infer<typeof requestSummarySchema>;

const saved = z.object({ saved: z.boolean() }).strict();

/** Room for a pasted fingerprint with spaces, colons and a line break or two. */
export const TYPED_FINGERPRINT_MAX = 120;

export const contactChannels = {
  /** Lists the teams; the first call after an unlock also loads the organisation's shipped cards. */
  'contact:teams': endpoint(empty(), z.object({ teams: z.array(teamSummarySchema) }).strict(), UNLOCKED),
  'contact:importCard': endpoint(z.object({ text: paste() }).strict(), importCardResultSchema, UNLOCKED),
  /** fingerprint: what the person typed or pasted from where the team published it; main compares. */
  'contact:markVerified': endpoint(
    z.object({ teamId: teamId(), fingerprint: z.string().max(TYPED_FINGERPRINT_MAX) }).strict(),
    z.object({ team: teamSummarySchema }).strict(),
    UNLOCKED,
  ),
  'contact:acceptKeyChange': endpoint(
    z.object({ teamId: teamId() }).strict(),
    z.object({ team: teamSummarySchema }).strict(),
    UNLOCKED,
  ),
  'contact:rejectKeyChange': endpoint(
    z.object({ teamId: teamId() }).strict(),
    z.object({ team: teamSummarySchema }).strict(),
    UNLOCKED,
  ),
  'contact:removeTeam': endpoint(z.object({ teamId: teamId() }).strict(), empty(), UNLOCKED),

  'contact:ownKey': endpoint(empty(), z.object({ key: ownKeySummarySchema.nullable() }).strict(), UNLOCKED),
  'contact:generateOwnKey': endpoint(empty(), z.object({ key: ownKeySummarySchema }).strict(), UNLOCKED),
  'contact:importOwnKey': endpoint(
    z.object({ armored: paste(), passphrase: passphrase().optional() }).strict(),
    z.object({ key: ownKeySummarySchema }).strict(),
    UNLOCKED,
  ),
  /** The public half only: it is meant to be shared with the team. */
  'contact:exportOwnKey': endpoint(empty(), z.object({ armored: z.string() }).strict(), UNLOCKED),
  'contact:saveOwnKey': endpoint(empty(), saved, UNLOCKED),
  'contact:revokeOwnKey': endpoint(
    empty(),
    z.object({ key: ownKeySummarySchema, revokedPublicKey: z.string() }).strict(),
    UNLOCKED,
  ),

  'contact:compose': endpoint(
    z.object({ draft: requestDraftSchema }).strict(),
    z.object({ request: requestSummarySchema }).strict(),
    UNLOCKED,
  ),
  'contact:saveRequest': endpoint(z.object({ requestId: id() }).strict(), saved, UNLOCKED),
  'contact:markSent': endpoint(
    z.object({ requestId: id() }).strict(),
    z.object({ request: requestSummarySchema }).strict(),
    UNLOCKED,
  ),
  'contact:requests': endpoint(
    empty(),
    z.object({ requests: z.array(requestSummarySchema) }).strict(),
    UNLOCKED,
  ),
  'contact:removeRequest': endpoint(z.object({ requestId: id() }).strict(), empty(), UNLOCKED),
  /** Saves a file attached to a PGP/MIME reply, through the save dialog (not encrypted then). */
  'contact:saveReplyAttachment': endpoint(
    z.object({ requestId: id(), replyId: id(), index: z.number().int().min(0).max(15) }).strict(),
    saved,
    UNLOCKED,
  ),
  'contact:readReply': endpoint(
    z.object({ armored: paste(), requestId: id().optional() }).strict(),
    z
      .object({ reply: replySummarySchema, requestId: z.string().nullable(), duplicate: z.boolean() })
      .strict(),
    UNLOCKED,
  ),
  /** A wrong paste taken back out of a thread. */
  'contact:removeReply': endpoint(
    z.object({ requestId: id(), replyId: id() }).strict(),
    z.object({ request: requestSummarySchema }).strict(),
    UNLOCKED,
  ),
} as const;

export const contactEvents = {} as const;
