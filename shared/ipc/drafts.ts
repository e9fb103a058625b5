import { z } from 'zod';
import { MAX_MESSAGE_BODY_BYTES } from '../channel/channelTypes';
import { requestCategorySchema } from '../contact/categories';
import { FREE_TEXT_MAX, TEXTAREA_FIELD_MAX } from '../contact/forms';
import { SECTIONS } from '../sections';
import { UNLOCKED, endpoint } from './endpoint';
import { empty, id } from './limits';

/**
 * Unsent work kept across a lock: the open note, the half-written support request,
 * the channel reply being typed, and the screen the person was on. Each is one encrypted vault
 * record in main; the renderer keeps none of it in any storage of its own.
 */
export const DRAFT_KINDS = ['note', 'request', 'reply', 'place'] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

/** More form fields than any category has (shared/contact/forms.ts): a cap, not a schema of the form. */
const MAX_REQUEST_FIELDS = 32;

/** The note itself is autosaved into the notebook; the draft only says which one was open. */
const noteDraft = z.object({ noteId: id() }).strict();

const requestDraft = z
  .object({
    step: z.enum(['team', 'need', 'form', 'review']),
    teamId: z.string().min(1).max(64).nullable(),
    category: requestCategorySchema.nullable(),
    fields: z
      .record(z.string().min(1).max(64), z.string().max(TEXTAREA_FIELD_MAX))
      .refine((fields) => Object.keys(fields).length <= MAX_REQUEST_FIELDS, 'too many fields'),
    text: z.string().max(FREE_TEXT_MAX),
    anonymous: z.boolean(),
  })
  .strict();

const replyDraft = z
  .object({
    threadId: z.string().regex(/^[a-z0-9-]{3,64}$/),
    body: z.string().min(1).max(MAX_MESSAGE_BODY_BYTES),
  })
  .strict();

const placeDraft = z.object({ section: z.enum(SECTIONS) }).strict();

export const DRAFT_SCHEMAS = {
  note: noteDraft,
  request: requestDraft,
  reply: replyDraft,
  place: placeDraft,
} as const satisfies Record<DraftKind, z.ZodType>;

export type DraftOf<K extends DraftKind> = z.infer<(typeof DRAFT_SCHEMAS)[K]>;

export const draftsSchema = z
  .object({
    note: noteDraft.optional(),
    request: requestDraft.optional(),
    reply: replyDraft.optional(),
    place: placeDraft.optional(),
  })
  .strict();
export type Drafts = z.infer<typeof draftsSchema>;

const saveRequest = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('note'), draft: noteDraft }).strict(),
  z.object({ kind: z.literal('request'), draft: requestDraft }).strict(),
  z.object({ kind: z.literal('reply'), draft: replyDraft }).strict(),
  z.object({ kind: z.literal('place'), draft: placeDraft }).strict(),
]);
export type DraftSave = z.infer<typeof saveRequest>;

export const draftChannels = {
  /** Every draft of the open vault; read once when the unlocked shell mounts. */
  'drafts:load': endpoint(empty(), z.object({ drafts: draftsSchema }).strict(), UNLOCKED),
  'drafts:save': endpoint(saveRequest, empty(), UNLOCKED),
  /** Sent, saved or thrown away: the record goes. */
  'drafts:discard': endpoint(z.object({ kind: z.enum(DRAFT_KINDS) }).strict(), empty(), UNLOCKED),
} as const;
