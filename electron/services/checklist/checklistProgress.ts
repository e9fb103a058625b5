import { z } from 'zod';
import { TikhoError } from '../../../shared/errors';
import {
  CATEGORIES,
  PRIORITIES,
  type Category,
  type ChecklistItem,
  type Priority,
} from '../../../shared/checklist/schema';
import {
  answersSchema,
  EMPTY_FILTER,
  filterItems,
  tally,
  type Answers,
  type EffectiveStatus,
  type ItemStatus,
  type LiveStates,
  type Tally,
} from '../../../shared/checklist/view';
import { encodeJsonRecord, readJsonRecord, RECORD_COLLECTIONS, type EncryptedRecordStore } from '../vault';
import type { ChecklistContent } from './contentLoader';

/**
 * The person's progress and answers (vault only — a completed checklist is evidence of what a
 * person protects and how). Progress is one record, so a tick is one atomic write and "wipe" is
 * one remove.
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

/** What the progress operations work with. */
export interface ProgressContext {
  records: EncryptedRecordStore;
  live: LiveSources;
  content: () => ChecklistContent;
}

/** A damaged progress or answers record reads as none: the person starts over, nothing breaks. */
function readChecklistRecord<T>(
  records: EncryptedRecordStore,
  id: string,
  schema: z.ZodType<T>,
): Promise<T | null> {
  return readJsonRecord(records, CHECKLIST_COLLECTION, id, schema, () => null);
}

async function readProgress(ctx: ProgressContext): Promise<ProgressRecord> {
  return (
    (await readChecklistRecord(ctx.records, PROGRESS_ID, progressRecordSchema)) ?? { v: 1, statuses: {} }
  );
}

export async function liveStates(ctx: ProgressContext): Promise<LiveStates> {
  const { live } = ctx;
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
}

function effective(item: ChecklistItem, stored: ProgressRecord, states: LiveStates): EffectiveStatus {
  if (item.live !== undefined && states[item.live]) return { status: 'done', auto: true };
  return { status: stored.statuses[item.id] ?? 'todo', auto: false };
}

export async function getAnswers(ctx: ProgressContext): Promise<Answers | null> {
  return (await readChecklistRecord(ctx.records, ANSWERS_ID, answersRecordSchema))?.answers ?? null;
}

export async function progress(ctx: ProgressContext): Promise<ProgressView> {
  const [stored, states, answers] = await Promise.all([readProgress(ctx), liveStates(ctx), getAnswers(ctx)]);
  const items = ctx.content().items;
  const statuses: Record<string, EffectiveStatus> = {};
  for (const item of items) statuses[item.id] = effective(item, stored, states);
  const statusOf = (id: string): ItemStatus => statuses[id]?.status ?? 'todo';
  const mine = answers
    ? filterItems(items, { ...EMPTY_FILTER, scope: answers.scope, roles: answers.roles })
    : items;
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
}

/** Callers serialise this: it is a read-modify-write of the one progress record. */
export async function setStatus(
  ctx: ProgressContext,
  itemId: string,
  status: ItemStatus,
): Promise<EffectiveStatus> {
  const item = ctx.content().items.find((candidate) => candidate.id === itemId);
  if (!item) throw new TikhoError('checklist/unknown-item');
  const stored = await readProgress(ctx);
  const statuses = { ...stored.statuses };
  if (status === 'todo') delete statuses[itemId];
  else statuses[itemId] = status;
  if (Object.keys(statuses).length === 0) await ctx.records.remove(CHECKLIST_COLLECTION, PROGRESS_ID);
  else await ctx.records.write(CHECKLIST_COLLECTION, PROGRESS_ID, encodeJsonRecord({ v: 1, statuses }));
  return effective(item, { v: 1, statuses }, await liveStates(ctx));
}

export async function wipeProgress(ctx: ProgressContext, includeAnswers: boolean): Promise<void> {
  await ctx.records.remove(CHECKLIST_COLLECTION, PROGRESS_ID);
  if (includeAnswers) await ctx.records.remove(CHECKLIST_COLLECTION, ANSWERS_ID);
}

export async function setAnswers(ctx: ProgressContext, answers: Answers): Promise<Answers> {
  const clean = answersSchema.parse({ ...answers, roles: [...new Set(answers.roles)] });
  await ctx.records.write(CHECKLIST_COLLECTION, ANSWERS_ID, encodeJsonRecord({ v: 1, answers: clean }));
  return clean;
}
