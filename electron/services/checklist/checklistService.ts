import type { Locale } from '../../../shared/checklist/schema';
import type {
  Answers,
  EffectiveStatus,
  IncidentView,
  ItemFilter,
  ItemStatus,
  ItemView,
  LiveStates,
} from '../../../shared/checklist/view';
import type { EncryptedRecordStore } from '../vault';
import type { ChecklistContent } from './contentLoader';
import { createSerialQueue } from '../common';
import {
  getAnswers,
  liveStates,
  progress,
  setAnswers,
  setStatus,
  wipeProgress,
  type LiveSources,
  type ProgressContext,
  type ProgressView,
} from './checklistProgress';
import {
  filteredItemViews,
  helpContactsView,
  incidentViews,
  itemViews,
  outdatedIds,
  type HelpContactsView,
} from './checklistViews';

/**
 * The checklist: public content in three languages (no vault needed, `checklistViews.ts`) and
 * the person's progress and answers (vault only, `checklistProgress.ts`).
 */

export { AUTOLOCK_MAX_MINUTES, CHECKLIST_COLLECTION } from './checklistProgress';
export type { LiveSources, ProgressView } from './checklistProgress';

export interface ChecklistService {
  items(lang: Locale): ItemView[];
  filter(lang: Locale, filter: ItemFilter): ItemView[];
  incidents(lang: Locale): IncidentView[];
  helpContacts(lang: Locale): HelpContactsView;
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

export function createChecklistService(options: ChecklistServiceOptions): ChecklistService {
  const source = options.content;
  const current = (): ChecklistContent => (typeof source === 'function' ? source() : source);
  const clock = options.clock ?? (() => new Date());
  const ctx: ProgressContext = { records: options.records, live: options.live, content: current };
  // Read-modify-write of the one progress record: serialise so two quick ticks both land.
  const serial = createSerialQueue().run;

  return {
    items: (lang) => itemViews(current(), lang, clock()),
    filter: (lang, filter) => filteredItemViews(current(), lang, filter, clock()),
    incidents: (lang) => incidentViews(current(), lang),
    helpContacts: (lang) => helpContactsView(current(), lang, clock),
    outdatedIds: () => outdatedIds(current(), clock()),
    skippedCount: () => current().problems.length,
    hasItem: (id) => current().items.some((item) => item.id === id),
    liveStates: () => liveStates(ctx),
    progress: () => progress(ctx),
    setStatus: (itemId, status) => serial(() => setStatus(ctx, itemId, status)),
    wipeProgress: ({ includeAnswers }) => serial(() => wipeProgress(ctx, includeAnswers)),
    getAnswers: () => getAnswers(ctx),
    setAnswers: (answers) => setAnswers(ctx, answers),
  };
}
