import { z } from 'zod';
import { CATEGORIES, KINDS, LIVE_CHECKS, PLATFORMS, PRIORITIES, ROLES, SCENARIOS, SCOPES } from './schema';
import type { Category, Kind, Priority, Role, Scenario, Scope } from './schema';

/**
 * What crosses IPC: one language's text of each item, plus what main computed (outdated). The
 * schemas here are the response side of shared/ipc/checklist.ts; the pure helpers below are shared
 * by the service (tests, summaries) and the renderer (chips), so both filter the same way.
 */

const text = z.string().max(4000);
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const itemViewSchema = z
  .object({
    id: z.string().max(64),
    category: z.enum(CATEGORIES),
    scenarios: z.array(z.enum(SCENARIOS)),
    scope: z.array(z.enum(SCOPES)),
    roles: z.array(z.enum(ROLES)),
    priority: z.enum(PRIORITIES),
    kind: z.enum(KINDS),
    effortMinutes: z.number().int(),
    title: text,
    why: text,
    steps: z.array(z.object({ platform: z.enum(PLATFORMS), text }).strict()),
    legalNote: text.nullable(),
    facts: z.array(
      z
        .object({
          text,
          asOf: date,
          contested: z.boolean(),
          sources: z.array(
            z
              .object({
                publisher: z.string().max(200),
                title: z.string().max(400),
                url: z.string().max(2000),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
    live: z.enum(LIVE_CHECKS).nullable(),
    lastReviewed: date,
    reviewBy: date,
    /** review_by is before today (main's clock): show "may be outdated" with lastReviewed. */
    outdated: z.boolean(),
  })
  .strict();
export type ItemView = z.infer<typeof itemViewSchema>;

export const incidentViewSchema = z
  .object({
    id: z.string().max(64),
    title: text,
    summary: text,
    first: z.string().max(64),
    questions: z.array(
      z
        .object({
          id: z.string().max(64),
          question: text,
          answers: z.array(
            z
              .object({
                label: text,
                items: z.array(z.string().max(64)),
                next: z.string().max(64).nullable(),
              })
              .strict(),
          ),
        })
        .strict(),
    ),
  })
  .strict();
export type IncidentView = z.infer<typeof incidentViewSchema>;

export const helpContactViewSchema = z
  .object({
    id: z.string().max(64),
    name: z.string().max(200),
    scope: z.array(z.enum(SCOPES)),
    what: text,
    how: z.array(
      z
        .object({
          kind: z.enum(['email', 'web', 'phone', 'telegram', 'signal']),
          value: z.string().max(300),
          /** When the route was last confirmed in the organisation's own channel, or null if never. */
          checked: date.nullable(),
        })
        .strict(),
    ),
    source: z
      .object({ publisher: z.string().max(200), title: z.string().max(400), url: z.string().max(2000) })
      .strict(),
  })
  .strict();
export type HelpContactView = z.infer<typeof helpContactViewSchema>;

export const STATUSES = ['todo', 'done', 'na'] as const;
export type ItemStatus = (typeof STATUSES)[number];

/** The two first-use answers. Personal, so they live in the vault like progress. */
export const ANSWER_SCOPES = ['RU', 'UA', 'EX'] as const;
export const answersSchema = z
  .object({
    scope: z.enum(ANSWER_SCOPES),
    roles: z.array(z.enum(ROLES)).min(1).max(ROLES.length),
  })
  .strict();
export type Answers = z.infer<typeof answersSchema>;

export const liveStatesSchema = z
  .object({
    'autolock-enabled': z.boolean(),
    'recovery-code-created': z.boolean(),
    'support-key-verified': z.boolean(),
    'panic-shortcut-drilled': z.boolean(),
  })
  .strict();
export type LiveStates = z.infer<typeof liveStatesSchema>;

export const tallySchema = z
  .object({ total: z.number().int(), done: z.number().int(), na: z.number().int() })
  .strict();
export type Tally = z.infer<typeof tallySchema>;

/** An item's status as shown: a live item the app found done is done, whatever was stored. */
export const effectiveSchema = z.object({ status: z.enum(STATUSES), auto: z.boolean() }).strict();
export type EffectiveStatus = z.infer<typeof effectiveSchema>;

export interface ItemFilter {
  /** null = any scope. An item scoped ALL matches every scope. */
  scope: Scope | null;
  priorities: readonly Priority[];
  kinds: readonly Kind[];
  categories: readonly Category[];
  scenario: Scenario | null;
  /** Empty = any role. */
  roles: readonly Role[];
}

export const EMPTY_FILTER: ItemFilter = {
  scope: null,
  priorities: [],
  kinds: [],
  categories: [],
  scenario: null,
  roles: [],
};

type Filterable = Pick<ItemView, 'scope' | 'priority' | 'kind' | 'category' | 'scenarios' | 'roles'>;

/** Empty lists mean "no restriction", so a cleared chip row shows everything. */
export function matchesFilter(item: Filterable, filter: ItemFilter): boolean {
  if (
    filter.scope !== null &&
    filter.scope !== 'ALL' &&
    !item.scope.includes('ALL') &&
    !item.scope.includes(filter.scope)
  )
    return false;
  if (filter.priorities.length > 0 && !filter.priorities.includes(item.priority)) return false;
  if (filter.kinds.length > 0 && !filter.kinds.includes(item.kind)) return false;
  if (filter.categories.length > 0 && !filter.categories.includes(item.category)) return false;
  if (filter.scenario !== null && !item.scenarios.includes(filter.scenario)) return false;
  if (filter.roles.length > 0 && !item.roles.some((role) => filter.roles.includes(role))) return false;
  return true;
}

export function filterItems<T extends Filterable>(items: readonly T[], filter: ItemFilter): T[] {
  return items.filter((item) => matchesFilter(item, filter));
}

/** The default first view after the two questions: essential items for that place and role. */
export function firstStepsFilter(answers: Answers): ItemFilter {
  return { ...EMPTY_FILTER, scope: answers.scope, priorities: ['essential'], roles: answers.roles };
}

/**
 * How many items "first steps" shows at once: a handful a frightened person can
 * start on today, not every essential item for their place (55 and more).
 */
export const FIRST_STEPS_LIMIT = 7;

/**
 * The first essentials in the content's order until `limit` of them are still to do. Items
 * already done stay where they are (ticking one must not make it vanish under the cursor) and do
 * not count, so ticking one brings the next one in.
 */
export function firstHandful<T extends { id: string }>(
  items: readonly T[],
  statusOf: (id: string) => ItemStatus | null,
  limit: number = FIRST_STEPS_LIMIT,
): T[] {
  const out: T[] = [];
  let open = 0;
  for (const item of items) {
    if (open >= limit) break;
    const status = statusOf(item.id);
    if (status !== 'done' && status !== 'na') open += 1;
    out.push(item);
  }
  return out;
}

export function tally(items: readonly { id: string }[], statusOf: (id: string) => ItemStatus): Tally {
  let done = 0;
  let na = 0;
  for (const item of items) {
    const status = statusOf(item.id);
    if (status === 'done') done += 1;
    else if (status === 'na') na += 1;
  }
  return { total: items.length, done, na };
}

/** Share of the applicable items that are done, 0..1; an all-"not applicable" group counts as complete. */
export function completion({ total, done, na }: Tally): number {
  const applicable = total - na;
  return applicable <= 0 ? (total > 0 ? 1 : 0) : done / applicable;
}

/** YYYY-MM-DD of a Date in UTC, to compare with review_by. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** An item is outdated on the day after review_by (the review date itself is still fine). */
export function isOutdated(reviewBy: string, now: Date): boolean {
  return isoDay(now) > reviewBy;
}

/**
 * The newest date among an item's facts ("facts as of"), or null for an item without dated facts.
 * Shown next to lastReviewed so a reader sees how old the facts are, not only when someone looked.
 */
export function factsAsOf(facts: readonly { asOf: string }[]): string | null {
  let newest: string | null = null;
  for (const fact of facts) {
    if (newest === null || fact.asOf > newest) newest = fact.asOf;
  }
  return newest;
}
