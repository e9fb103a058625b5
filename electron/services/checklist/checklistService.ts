import { parseJsonRecord, RECORD_COLLECTIONS } from '../vault';
import { z } from 'zod';
import { TikhoError } from '../../../shared/errors';
import {
  CATEGORIES,
  PRIORITIES,
  type Category,
  type ChecklistItem,
  type Locale,
  type Priority,
} from '../../../shared/checklist/schema';
import {
  answersSchema,
  EMPTY_FILTER,
  filterItems,
  isOutdated,
  tally,
  type Answers,
  type EffectiveStatus,
  type HelpContactView,
  type IncidentView,
  type ItemFilter,
  type ItemStatus,
  type ItemView,
  type LiveStates,
  type Tally,
} from '../../../shared/checklist/view';
import type { EncryptedRecordStore } from '../vault';
import type { ChecklistContent } from './contentLoader';
import { createSerialQueue } from '../common';

/**
 * The checklist: public content in three languages (no vault needed) and the person's progress
 * and answers (vault only — a completed checklist is evidence, research §4.4). Progress is one
 * record, so a tick is one atomic write and "wipe" is one remove.
 */

export const CHECKLIST_COLLECTION = RECORD_COLLECTIONS.checklist.progress;
const PROGRESS_ID = 'progress';
const ANSWERS_ID = 'answers';

/** Only done / not applicable are stored; "to do" is the absence of a record entry. */
const progressRecordSchema = z
  .object({ v: z.literal(1), statuses: z.record(z.string().max(64), z.enum(['done', 'na'])) })
  .strict();
type ProgressRecord = z.infer<typeof progressRecordSchema>;
const answersRecordSchema = z.object({ v: z.literal(1), answers: answersSchema }).strict();

/** Where live items read the app's real state. Each may throw vault/locked while locked. */
export interface LiveSources {
  autoLockMinutes(): number;
  recoveryCodeCreated(): Promise<boolean>;
  supportKeyVerified(): Promise<boolean>;
  panicDrilled(): Promise<boolean>;
}

/** The item's own advice: "choose a short time, 5 minutes or less". */
export const AUTOLOCK_MAX_MINUTES = 5;

export interface ProgressView {
  statuses: Record<string, EffectiveStatus>;
  live: LiveStates;
  byCategory: { category: Category; tally: Tally }[];
  byPriority: { priority: Priority; tally: Tally }[];
}

export interface ChecklistService {
  items(lang: Locale): ItemView[];
  filter(lang: Locale, filter: ItemFilter): ItemView[];
  incidents(lang: Locale): IncidentView[];
  helpContacts(lang: Locale): {
    lastReviewed: string;
    reviewBy: string;
    outdated: boolean;
    contacts: HelpContactView[];
  };
  /** Ids of items whose review_by is already past, by the injected clock. */
  outdatedIds(): string[];
  skippedCount(): number;
  hasItem(id: string): boolean;
  liveStates(): Promise<LiveStates>;
  progress(): Promise<ProgressView>;
  setStatus(itemId: string, status: ItemStatus): Promise<EffectiveStatus>;
  wipeProgress(options: { includeAnswers: boolean }): Promise<void>;
  getAnswers(): Promise<Answers | null>;
  setAnswers(answers: Answers): Promise<Answers>;
}

export interface ChecklistServiceOptions {
  /** A function when the content can change while the app runs (applied signed updates). */
  content: ChecklistContent | (() => ChecklistContent);
  records: EncryptedRecordStore;
  live: LiveSources;
  clock?: () => Date;
}

function localizeItem(item: ChecklistItem, lang: Locale, now: Date): ItemView {
  return {
    id: item.id,
    category: item.category,
    scenarios: item.scenarios,
    scope: item.scope,
    roles: item.roles,
    priority: item.priority,
    kind: item.kind,
    effortMinutes: item.effort_minutes,
    title: item.title[lang],
    why: item.why[lang],
    steps: item.steps.map((step) => ({ platform: step.platform, text: step.text[lang] })),
    legalNote: item.legal_note?.[lang] ?? null,
    facts: item.facts.map((fact) => ({
      text: fact.text[lang],
      asOf: fact.as_of,
      contested: fact.contested ?? false,
      sources: fact.sources.map((source) => ({ ...source })),
    })),
    live: item.live ?? null,
    lastReviewed: item.last_reviewed,
    reviewBy: item.review_by,
    outdated: isOutdated(item.review_by, now),
  };
}

async function readJsonRecord<T>(
  records: EncryptedRecordStore,
  id: string,
  schema: z.ZodType<T>,
): Promise<T | null> {
  const bytes = await records.read(CHECKLIST_COLLECTION, id);
  return bytes ? parseJsonRecord(bytes, schema) : null;
}

function encode(value: unknown): Uint8Array {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

export function createChecklistService(options: ChecklistServiceOptions): ChecklistService {
  const { records, live } = options;
  const source = options.content;
  const current = (): ChecklistContent => (typeof source === 'function' ? source() : source);
  const clock = options.clock ?? (() => new Date());
  // Read-modify-write of the one progress record: serialise so two quick ticks both land.
  const serial = createSerialQueue().run;

  const readProgress = async (): Promise<ProgressRecord> =>
    (await readJsonRecord(records, PROGRESS_ID, progressRecordSchema)) ?? { v: 1, statuses: {} };

  const liveStates = async (): Promise<LiveStates> => {
    const [recovery, support, panic] = await Promise.all([
      live.recoveryCodeCreated(),
      live.supportKeyVerified(),
      live.panicDrilled(),
    ]);
    return {
      'autolock-enabled': live.autoLockMinutes() <= AUTOLOCK_MAX_MINUTES,
      'recovery-code-created': recovery,
      'support-key-verified': support,
      'panic-shortcut-drilled': panic,
    };
  };

  const effective = (item: ChecklistItem, stored: ProgressRecord, states: LiveStates): EffectiveStatus => {
    if (item.live !== undefined && states[item.live]) return { status: 'done', auto: true };
    return { status: stored.statuses[item.id] ?? 'todo', auto: false };
  };

  const getAnswers = async (): Promise<Answers | null> =>
    (await readJsonRecord(records, ANSWERS_ID, answersRecordSchema))?.answers ?? null;

  return {
    items: (lang) => {
      const now = clock();
      return current().items.map((item) => localizeItem(item, lang, now));
    },
    filter: (lang, filter) => {
      const now = clock();
      return filterItems(
        current().items.map((item) => localizeItem(item, lang, now)),
        filter,
      );
    },
    incidents: (lang) => {
      const known = new Set(current().items.map((item) => item.id));
      return current().incidents.map((incident) => ({
        id: incident.id,
        title: incident.title[lang],
        summary: incident.summary[lang],
        first: incident.first,
        questions: incident.questions.map((question) => ({
          id: question.id,
          question: question.question[lang],
          answers: question.answers.map((answer) => ({
            label: answer.label[lang],
            // A skipped (invalid) item must not become a dead link in a guided answer.
            items: answer.items.filter((id) => known.has(id)),
            next: answer.next ?? null,
          })),
        })),
      }));
    },
    helpContacts: (lang) => {
      const file = current().helpContacts;
      if (!file) return { lastReviewed: '', reviewBy: '', outdated: false, contacts: [] };
      return {
        lastReviewed: file.last_reviewed,
        reviewBy: file.review_by,
        outdated: isOutdated(file.review_by, clock()),
        contacts: file.contacts.map((contact) => ({
          id: contact.id,
          name: contact.name,
          scope: contact.scope,
          what: contact.what[lang],
          how: contact.how.map((how) => ({ kind: how.kind, value: how.value, checked: how.checked ?? null })),
          source: { ...contact.source },
        })),
      };
    },
    outdatedIds: () => {
      const now = clock();
      return current()
        .items.filter((item) => isOutdated(item.review_by, now))
        .map((item) => item.id);
    },
    skippedCount: () => current().problems.length,
    hasItem: (id) => current().items.some((item) => item.id === id),
    liveStates,
    async progress() {
      const [stored, states, answers] = await Promise.all([readProgress(), liveStates(), getAnswers()]);
      const statuses: Record<string, EffectiveStatus> = {};
      for (const item of current().items) statuses[item.id] = effective(item, stored, states);
      const statusOf = (id: string): ItemStatus => statuses[id]?.status ?? 'todo';
      const mine = answers
        ? filterItems(current().items, { ...EMPTY_FILTER, scope: answers.scope, roles: answers.roles })
        : current().items;
      return {
        statuses,
        live: states,
        byCategory: CATEGORIES.map((category) => ({
          category,
          tally: tally(
            mine.filter((item) => item.category === category),
            statusOf,
          ),
        })),
        byPriority: PRIORITIES.map((priority) => ({
          priority,
          tally: tally(
            mine.filter((item) => item.priority === priority),
            statusOf,
          ),
        })),
      };
    },
    setStatus: (itemId, status) =>
      serial(async () => {
        const item = current().items.find((candidate) => candidate.id === itemId);
        if (!item) throw new TikhoError('checklist/unknown-item');
        const stored = await readProgress();
        const statuses = { ...stored.statuses };
        if (status === 'todo') delete statuses[itemId];
        else statuses[itemId] = status;
        if (Object.keys(statuses).length === 0) await records.remove(CHECKLIST_COLLECTION, PROGRESS_ID);
        else await records.write(CHECKLIST_COLLECTION, PROGRESS_ID, encode({ v: 1, statuses }));
        return effective(item, { v: 1, statuses }, await liveStates());
      }),
    wipeProgress: ({ includeAnswers }) =>
      serial(async () => {
        await records.remove(CHECKLIST_COLLECTION, PROGRESS_ID);
        if (includeAnswers) await records.remove(CHECKLIST_COLLECTION, ANSWERS_ID);
      }),
    getAnswers,
    async setAnswers(answers) {
      const clean = answersSchema.parse({ ...answers, roles: [...new Set(answers.roles)] });
      await records.write(CHECKLIST_COLLECTION, ANSWERS_ID, encode({ v: 1, answers: clean }));
      return clean;
    },
  };
}
