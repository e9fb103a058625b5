import { z } from 'zod';

/**
 * The checklist content schema. Content lives as JSON data in resources/checklists/ and is
 * validated against this schema by tests and again when main loads it. Field names follow the
 * research item schema (shared/research/checklist-sources.md §1.3), snake_case as in the files.
 */

export const LOCALES = ['en', 'ru', 'uk'] as const;
export type Locale = (typeof LOCALES)[number];

export const CATEGORIES = [
  'foundations',
  'devices',
  'accounts',
  'messengers',
  'sim',
  'browsing',
  'seizure',
  'social',
  'payments',
  'protests',
  'travel',
  'groups',
  'trainers',
] as const;
export type Category = (typeof CATEGORIES)[number];

export const SCENARIOS = ['protest', 'border', 'detained', 'relocating', 'group', 'workshop'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const SCOPES = ['RU', 'UA', 'EX', 'ALL'] as const;
export type Scope = (typeof SCOPES)[number];

export const PRIORITIES = ['essential', 'recommended', 'advanced'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const KINDS = ['once', 'habit', 'incident'] as const;
export type Kind = (typeof KINDS)[number];

/** Who the first-run question "what do you do" can answer with. */
export const ROLES = ['activist', 'journalist', 'lawyer', 'relative', 'organiser', 'trainer'] as const;
export type Role = (typeof ROLES)[number];

export const PLATFORMS = ['all', 'android', 'ios', 'windows', 'macos', 'linux'] as const;
export type Platform = (typeof PLATFORMS)[number];

/** Items that the app can tick itself from its real state. */
export const LIVE_CHECKS = [
  'autolock-enabled',
  'recovery-code-created',
  'support-key-verified',
  'panic-shortcut-drilled',
] as const;
export type LiveCheck = (typeof LIVE_CHECKS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');
const text = z.string().trim().min(1).max(4000);
const localized = z.object({ en: text, ru: text, uk: text }).strict();

export const stepSchema = z
  .object({
    platform: z.enum(PLATFORMS),
    text: localized,
  })
  .strict();

export const sourceSchema = z
  .object({
    publisher: z.string().min(1).max(200),
    title: z.string().min(1).max(400),
    url: z.url({ protocol: /^https$/ }),
  })
  .strict();

export const factSchema = z
  .object({
    text: localized,
    /** When the claim was reported (the source's own date), never the day someone read the page. */
    as_of: isoDate,
    /**
     * The recorded review: the day someone re-read this fact's sources and newer reporting and found
     * it still true. An item's last_reviewed may be later than its newest as_of only through this.
     */
    checked: isoDate.optional(),
    contested: z.boolean().optional(),
    sources: z.array(sourceSchema).min(1).max(6),
  })
  .strict();

export const checklistItemSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      .max(64),
    category: z.enum(CATEGORIES),
    scenarios: z.array(z.enum(SCENARIOS)).max(SCENARIOS.length),
    scope: z.array(z.enum(SCOPES)).min(1).max(4),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
    priority: z.enum(PRIORITIES),
    kind: z.enum(KINDS),
    effort_minutes: z.number().int().min(1).max(600),
    title: localized,
    why: localized,
    steps: z.array(stepSchema).min(1).max(20),
    legal_note: localized.optional(),
    facts: z.array(factSchema).max(10),
    live: z.enum(LIVE_CHECKS).optional(),
    last_reviewed: isoDate,
    review_by: isoDate,
  })
  .strict();
export type ChecklistItem = z.infer<typeof checklistItemSchema>;

/** One file per category: resources/checklists/items/<category>.json */
export const checklistCategoryFileSchema = z
  .object({
    category: z.enum(CATEGORIES),
    items: z.array(checklistItemSchema).min(1),
  })
  .strict();

/** Guided incident questions (DFAK style): each answer leads to items or to another question. */
export const incidentAnswerSchema = z
  .object({
    label: localized,
    items: z.array(z.string()).max(30),
    next: z.string().optional(),
  })
  .strict();

export const incidentQuestionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    question: localized,
    answers: z.array(incidentAnswerSchema).min(1).max(8),
  })
  .strict();

export const incidentSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    title: localized,
    summary: localized,
    first: z.string(),
    questions: z.array(incidentQuestionSchema).min(1).max(12),
  })
  .strict();

export const incidentsFileSchema = z.object({ incidents: z.array(incidentSchema).min(4) }).strict();

export const helpContactSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    name: z.string().min(1).max(200),
    scope: z.array(z.enum(SCOPES)).min(1),
    what: localized,
    how: z
      .array(
        z
          .object({
            kind: z.enum(['email', 'web', 'phone', 'telegram', 'signal']),
            value: z.string().min(1).max(300),
            /**
             * When this route was last confirmed in the organisation's own channel or site (the
             * date of that page), so a reader knows how fresh a phone number or bot name is.
             */
            checked: isoDate.optional(),
            /** The organisation's own page that shows this route. */
            source: sourceSchema.optional(),
          })
          .strict(),
      )
      .min(1),
    source: sourceSchema,
  })
  .strict();

export const helpContactsFileSchema = z
  .object({
    last_reviewed: isoDate,
    review_by: isoDate,
    contacts: z.array(helpContactSchema).min(3),
  })
  .strict();
