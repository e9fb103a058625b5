import { z } from 'zod';
import { LANGUAGES } from '../settings';
import { UNLOCKED, endpoint } from './endpoint';
import { MAX_LIST, shortText } from './limits';

/**
 * Signed checklist updates (docs/checklist-update-format.md). The text is capped
 * here well above the service's own cap, so an oversized update gets the service's specific
 * message rather than the bridge's generic refusal.
 */
export const MAX_UPDATE_TEXT_IPC = 4 * 1024 * 1024;

const lang = z.enum(LANGUAGES);
const updateText = z.string().max(MAX_UPDATE_TEXT_IPC);
const teamId = z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/);
const entry = z.object({ id: z.string().max(64), title: z.string().max(4000) }).strict();
const entries = z.array(entry).max(MAX_LIST);

export const contentChangesSchema = z
  .object({
    added: entries,
    corrected: entries,
    retired: entries,
    contactsAdded: entries,
    contactsCorrected: entries,
    contactsRetired: entries,
  })
  .strict();

export const updatePreviewSchema = z
  .object({
    teamId,
    teamName: shortText(120),
    sequence: z.number().int().min(1),
    issuedAt: shortText(40),
    replaces: z.number().int().min(1).nullable(),
    changes: contentChangesSchema,
  })
  .strict();
export type UpdatePreviewView = z.infer<typeof updatePreviewSchema>;

export const appliedUpdateSchema = z
  .object({
    teamId,
    teamName: shortText(120),
    sequence: z.number().int().min(1),
    issuedAt: shortText(40),
    appliedAt: shortText(40),
    earlier: z.number().int().min(0),
  })
  .strict();
export type AppliedUpdateItem = z.infer<typeof appliedUpdateSchema>;

export const checklistUpdateChannels = {
  /** Checks an update and says what it would change; changes nothing. */
  'checklist:previewUpdate': endpoint(
    z.object({ text: updateText, lang }).strict(),
    z.object({ preview: updatePreviewSchema }).strict(),
    UNLOCKED,
  ),
  /** Checks it again (the text is untrusted each time) and applies it. */
  'checklist:applyUpdate': endpoint(
    z.object({ text: updateText, lang }).strict(),
    z.object({ applied: updatePreviewSchema }).strict(),
    UNLOCKED,
  ),
  'checklist:listUpdates': endpoint(
    z.object({}).strict(),
    z.object({ updates: z.array(appliedUpdateSchema).max(1000) }).strict(),
    UNLOCKED,
  ),
  /** Removes the team's current update; its previous one (or the shipped content) is back. */
  'checklist:removeUpdate': endpoint(
    z.object({ teamId, lang }).strict(),
    z.object({ changes: contentChangesSchema }).strict(),
    UNLOCKED,
  ),
  /** Desk profile only: signs an edited draft as the team's next update. */
  'checklist:makeUpdate': endpoint(
    z.object({ draft: updateText }).strict(),
    z
      .object({
        text: z.string().max(MAX_UPDATE_TEXT_IPC),
        sequence: z.number().int().min(1),
        teamName: shortText(120),
      })
      .strict(),
    UNLOCKED,
  ),
} as const;
