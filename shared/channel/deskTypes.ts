import type { ErrorCodeOf } from '../errorCodes';
import { z } from 'zod';
import { cardChannelsSchema, teamIdSchema } from '../contact/card';
import { REQUEST_CATEGORIES } from '../contact/categories';

/**
 * What the support desk (profile `desk`) shows: its team, the card it publishes, and its PGP
 * inbox (requests made with the contact-support feature, decrypted with the team key). Plain
 * data only: the team's secret key never leaves main.
 */

export const deskCategoriesSchema = z
  .array(z.enum(REQUEST_CATEGORIES))
  .min(1)
  .max(REQUEST_CATEGORIES.length)
  .refine((list) => new Set(list).size === list.length, 'unique categories');

/** What the desk's person types when setting up the team (and may edit later). */
export const deskDetailsSchema = z
  .object({
    teamId: teamIdSchema,
    teamName: z.string().trim().min(1).max(120),
    channels: cardChannelsSchema,
    categories: deskCategoriesSchema,
  })
  .strict();
export type DeskDetails = z.infer<typeof deskDetailsSchema>;

export const deskCardSchema = z
  .object({
    /** The signed card text (OpenPGP cleartext signature), ready to copy or save. */
    text: z.string().max(256 * 1024),
    issuedAt: z.string(),
    /** When the pre-key bundle inside stops being accepted; a new card is issued before that. */
    bundleExpiresAt: z.string(),
  })
  .strict();
export type DeskCard = z.infer<typeof deskCardSchema>;

export const deskStatusSchema = z
  .object({
    setUp: z.boolean(),
    details: deskDetailsSchema.nullable(),
    fingerprintGroups: z.array(z.string()).nullable(),
    card: deskCardSchema.nullable(),
  })
  .strict();
export type DeskStatus = z.infer<typeof deskStatusSchema>;

/** How a request was signed: by its own reply key (a person's long-term key) or not at all (anonymous). */
export const requestSignatureSchema = z.enum(['signed', 'unsigned']);

export const inboxEntrySchema = z
  .object({
    id: z.string(),
    direction: z.enum(['in', 'out']),
    at: z.string(),
    category: z.enum(REQUEST_CATEGORIES).nullable(),
    fields: z.record(z.string(), z.string()),
    text: z.string(),
    signature: requestSignatureSchema.nullable(),
  })
  .strict();
export type InboxEntry = z.infer<typeof inboxEntrySchema>;

export const inboxPersonSchema = z
  .object({
    /** The reply key's fingerprint: one thread per person (per one-time key when anonymous). */
    personId: z.string(),
    fingerprintGroups: z.array(z.string()),
    anonymous: z.boolean(),
    firstAt: z.string(),
    lastAt: z.string(),
    entryCount: z.number().int(),
    lastCategory: z.enum(REQUEST_CATEGORIES).nullable(),
  })
  .strict();
export type InboxPerson = z.infer<typeof inboxPersonSchema>;

/** Declared with every other code in shared/errorCodes.ts. */
export { DESK_ERROR_CODES } from '../errorCodes';
export type DeskErrorCode = ErrorCodeOf<'desk'>;
