import { z } from 'zod';
import { CARD_MAX_BYTES, fingerprintSchema, teamIdSchema } from '../contact/card';
import {
  MAX_ARMORED_ENVELOPE_CHARS,
  MAX_MESSAGE_BODY_BYTES,
  channelRoleSchema,
  historyRetentionSchema,
} from '../channel/channelTypes';
import {
  deskCardSchema,
  deskDetailsSchema,
  deskStatusSchema,
  inboxEntrySchema,
  inboxPersonSchema,
} from '../channel/deskTypes';
import { ANY_STATE, UNLOCKED, endpoint } from './endpoint';
import { empty } from './limits';

/**
 * The secure-channel domain: the user's forward-secret threads with a support desk,
 * and the desk's own side (its team, card and PGP inbox). Channels are `channel:<action>`.
 * Nothing secret crosses: bodies are the person's own plaintext, keys only as digits.
 */

/** A libsignal address as the channel service makes them (`user-…`, `desk-…`). */
const threadId = () => z.string().regex(/^[a-z0-9-]{3,64}$/);
/** The person's reply-key fingerprint on the desk side. */
const personId = () => fingerprintSchema;
/** A PGP request or reply is at most a few hundred KiB; 4 MiB covers any pasted one. */
const MAX_PGP_MESSAGE_CHARS = 4 * 1024 * 1024;
/** Reply text at the desk: same cap as a request's free text. */
const MAX_REPLY_TEXT = 20_000;

const threadSchema = z
  .object({
    threadId: z.string(),
    peerAddress: z.string(),
    retention: historyRetentionSchema,
    verified: z.boolean(),
    identityChanged: z.boolean(),
    createdAt: z.number(),
    lastMessageAt: z.number().nullable(),
    /** User side: the team's name from its imported card; desk side: null. */
    teamName: z.string().nullable(),
    /** User side: the team revoked its key, so nothing more is sent to its desk. */
    teamRevoked: z.boolean(),
  })
  .strict();
export type ChannelThreadView = z.infer<typeof threadSchema>;

const messageSchema = z
  .object({
    envelopeId: z.string(),
    direction: z.enum(['in', 'out']),
    body: z.string(),
    sentAt: z.number(),
    storedAt: z.number(),
  })
  .strict();

const safetyNumberSchema = z
  .object({
    digits: z.string().regex(/^[0-9]{60}$/),
    groups: z.array(z.string()).length(12),
    scannable: z.string(),
    verified: z.boolean(),
    identityChanged: z.boolean(),
  })
  .strict();

const threadRequest = () => z.object({ threadId: threadId() }).strict();

export const channelChannels = {
  /** Which side this profile is: the desk profile is the desk, every other profile a user. */
  'channel:role': endpoint(empty(), z.object({ role: channelRoleSchema }).strict(), ANY_STATE),
  'channel:listThreads': endpoint(empty(), z.object({ threads: z.array(threadSchema) }).strict(), UNLOCKED),
  'channel:openThread': endpoint(
    threadRequest(),
    z.object({ thread: threadSchema, messages: z.array(messageSchema) }).strict(),
    UNLOCKED,
  ),
  'channel:send': endpoint(
    z
      .object({
        threadId: threadId(),
        // UTF-16 units ≤ UTF-8 bytes × 1, so this cap never refuses what the service accepts.
        body: z.string().min(1).max(MAX_MESSAGE_BODY_BYTES),
      })
      .strict(),
    z.object({ envelope: z.string(), message: messageSchema }).strict(),
    UNLOCKED,
  ),
  'channel:receive': endpoint(
    z.object({ armored: z.string().min(1).max(MAX_ARMORED_ENVELOPE_CHARS) }).strict(),
    z.object({ threadId: z.string(), newThread: z.boolean(), message: messageSchema }).strict(),
    UNLOCKED,
  ),
  'channel:setRetention': endpoint(
    z.object({ threadId: threadId(), retention: historyRetentionSchema }).strict(),
    z.object({ thread: threadSchema }).strict(),
    UNLOCKED,
  ),
  'channel:safetyNumber': endpoint(threadRequest(), safetyNumberSchema, UNLOCKED),
  'channel:markVerified': endpoint(
    z
      .object({
        threadId: threadId(),
        // The digits as shown (groups separated by spaces): main checks they are still current.
        digits: z
          .string()
          .max(80)
          .regex(/^[0-9 ]+$/),
      })
      .strict(),
    z.object({ thread: threadSchema }).strict(),
    UNLOCKED,
  ),
  /** Saves a text the app produced (an envelope, the desk's card, a PGP reply) to a file the person picks. */
  'channel:saveFile': endpoint(
    z
      .object({
        kind: z.enum(['envelope', 'card', 'reply']),
        text: z.string().min(1).max(CARD_MAX_BYTES),
      })
      .strict(),
    z.object({ saved: z.boolean() }).strict(),
    UNLOCKED,
  ),

  // User side: a conversation with a team's desk. The teams themselves are the contact
  // family's (contact:teams, contact:importCard, contact:markVerified): one store, one API.
  'channel:startSession': endpoint(
    z.object({ teamId: teamIdSchema }).strict(),
    z.object({ thread: threadSchema }).strict(),
    UNLOCKED,
  ),

  // Desk side.
  'channel:deskStatus': endpoint(empty(), deskStatusSchema, UNLOCKED),
  'channel:deskSetup': endpoint(
    z
      .object({
        details: deskDetailsSchema,
        importKey: z
          .object({
            armoredSecret: z
              .string()
              .min(1)
              .max(256 * 1024),
            passphrase: z.string().max(1024).optional(),
          })
          .strict()
          .optional(),
      })
      .strict(),
    deskStatusSchema,
    UNLOCKED,
  ),
  'channel:publishCard': endpoint(empty(), deskCardSchema, UNLOCKED),
  'channel:openRequest': endpoint(
    z.object({ armored: z.string().min(1).max(MAX_PGP_MESSAGE_CHARS) }).strict(),
    z.object({ person: inboxPersonSchema, newPerson: z.boolean(), entry: inboxEntrySchema }).strict(),
    UNLOCKED,
  ),
  'channel:inbox': endpoint(empty(), z.object({ people: z.array(inboxPersonSchema) }).strict(), UNLOCKED),
  'channel:openPerson': endpoint(
    z.object({ personId: personId() }).strict(),
    z.object({ person: inboxPersonSchema, entries: z.array(inboxEntrySchema) }).strict(),
    UNLOCKED,
  ),
  'channel:replyRequest': endpoint(
    z.object({ personId: personId(), text: z.string().min(1).max(MAX_REPLY_TEXT) }).strict(),
    z.object({ armored: z.string(), entry: inboxEntrySchema }).strict(),
    UNLOCKED,
  ),
} as const;

export const channelEvents = {} as const;
