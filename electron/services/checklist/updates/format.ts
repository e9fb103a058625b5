import { z } from 'zod';
import { teamIdSchema } from '../../../../shared/contact/card';
import { checklistItemSchema, helpContactSchema } from '../../../../shared/checklist/schema';

/**
 * The body of a signed checklist update (docs/checklist-update-format.md). Items and help contacts
 * are checked with the very schemas the shipped content is checked with (imported, never copied),
 * so an update cannot carry anything the app's own content could not.
 */

export const UPDATE_FORMAT = 'tikho-checklist-update';
export const UPDATE_VERSION = 1;
/** The signed text as pasted or opened; ~100 full three-language items fit. */
export const MAX_UPDATE_CHARS = 1024 * 1024;
export const MAX_UPDATE_ITEMS = 200;
/** Earlier updates kept per team so removing the current one brings the previous one back. */
export const MAX_KEPT_PER_TEAM = 10;

const id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .max(64);

/** What a desk worker edits: the changes, without the envelope the desk adds when it signs. */
export const updateChangesSchema = z
  .object({
    items: z.array(checklistItemSchema).max(MAX_UPDATE_ITEMS).default([]),
    retireItems: z.array(id).max(MAX_UPDATE_ITEMS).default([]),
    helpContacts: z.array(helpContactSchema).max(MAX_UPDATE_ITEMS).default([]),
    retireHelpContacts: z.array(id).max(MAX_UPDATE_ITEMS).default([]),
  })
  .strict();
export type UpdateChanges = z.infer<typeof updateChangesSchema>;

export const updateBodySchema = updateChangesSchema
  .extend({
    format: z.literal(UPDATE_FORMAT),
    version: z.literal(UPDATE_VERSION),
    teamId: teamIdSchema,
    teamName: z.string().trim().min(1).max(120),
    /** Per team, strictly increasing: what makes an older update refusable. */
    sequence: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    issuedAt: z.iso.datetime(),
  })
  .strict();
export type UpdateBody = z.infer<typeof updateBodySchema>;

/** The first place an update contradicts itself, or null. */
export function changesConflict(changes: UpdateChanges): string | null {
  const twice = (ids: string[]): string | undefined =>
    ids.find((value, index) => ids.indexOf(value) !== index);
  const itemIds = changes.items.map((item) => item.id);
  const contactIds = changes.helpContacts.map((contact) => contact.id);
  const duplicate =
    twice(itemIds) ??
    twice(changes.retireItems) ??
    twice(contactIds) ??
    twice(changes.retireHelpContacts) ??
    itemIds.find((value) => changes.retireItems.includes(value)) ??
    contactIds.find((value) => changes.retireHelpContacts.includes(value));
  return duplicate ?? null;
}

export function isEmptyChange(changes: UpdateChanges): boolean {
  return (
    changes.items.length === 0 &&
    changes.retireItems.length === 0 &&
    changes.helpContacts.length === 0 &&
    changes.retireHelpContacts.length === 0
  );
}
