import { z } from 'zod';
import {
  answersSchema,
  effectiveSchema,
  helpContactViewSchema,
  incidentViewSchema,
  itemViewSchema,
  liveStatesSchema,
  STATUSES,
  tallySchema,
} from '../checklist/view';
import { CATEGORIES, PRIORITIES } from '../checklist/schema';
import { LANGUAGES } from '../settings';
import { ANY_STATE, UNLOCKED, endpoint } from './endpoint';
import { empty, id, MAX_LIST, shortText } from './limits';

const lang = z.object({ lang: z.enum(LANGUAGES) }).strict();

const progressSchema = z
  .object({
    /** Every loaded item id → its effective status. */
    statuses: z.record(z.string().max(64), effectiveSchema),
    live: liveStatesSchema,
    /** Over the items for the person's answers (scope and roles), or all items before they answered. */
    byCategory: z.array(z.object({ category: z.enum(CATEGORIES), tally: tallySchema }).strict()),
    byPriority: z.array(z.object({ priority: z.enum(PRIORITIES), tally: tallySchema }).strict()),
  })
  .strict();

/** The checklist domain's channels (`checklist:action`) and its main → renderer events. */
export const checklistChannels = {
  /** Content only, no vault: the text is public and the same for everyone. */
  'checklist:content': endpoint(
    lang,
    z
      .object({
        items: z.array(itemViewSchema).max(MAX_LIST),
        incidents: z.array(incidentViewSchema).max(100),
        /** Items main refused at load (schema errors); logged there, counted here. */
        skipped: z.number().int().min(0),
      })
      .strict(),
    ANY_STATE,
  ),
  'checklist:helpContacts': endpoint(
    lang,
    z
      .object({
        lastReviewed: z.string().max(10),
        reviewBy: z.string().max(10),
        outdated: z.boolean(),
        contacts: z.array(helpContactViewSchema).max(200),
      })
      .strict(),
    ANY_STATE,
  ),
  'checklist:progress': endpoint(empty(), progressSchema, UNLOCKED),
  'checklist:setStatus': endpoint(
    z.object({ itemId: id(), status: z.enum(STATUSES) }).strict(),
    z.object({ status: effectiveSchema }).strict(),
    UNLOCKED,
  ),
  'checklist:wipeProgress': endpoint(z.object({ includeAnswers: z.boolean() }).strict(), empty(), UNLOCKED),
  'checklist:getAnswers': endpoint(
    empty(),
    z.object({ answers: answersSchema.nullable() }).strict(),
    UNLOCKED,
  ),
  'checklist:setAnswers': endpoint(answersSchema, z.object({ answers: answersSchema }).strict(), UNLOCKED),
  'checklist:liveStates': endpoint(empty(), liveStatesSchema, UNLOCKED),
  /** What this host can do: Electron prints to PDF and opens profiles; the harness does neither. */
  'checklist:capabilities': endpoint(
    empty(),
    z
      .object({
        printToPdf: z.boolean(),
        openPractice: z.boolean(),
        profile: z.enum(['user', 'practice', 'desk']),
      })
      .strict(),
    ANY_STATE,
  ),
  'checklist:printHandout': endpoint(
    z.object({ defaultName: shortText(120).regex(/^[\p{L}\p{N} ._-]+\.pdf$/u) }).strict(),
    z.object({ saved: z.boolean() }).strict(),
    ANY_STATE,
  ),
  'checklist:resetPractice': endpoint(
    empty(),
    z.object({ passphrase: z.string().max(400), folder: z.string().max(4096) }).strict(),
    UNLOCKED,
  ),
  'checklist:openPractice': endpoint(empty(), empty(), ANY_STATE),
} as const;

export const checklistEvents = {} as const;
