import type { Locale } from '../../../../shared/checklist/schema';
import type { PgpService } from '../../pgp';
import type { EncryptedRecordStore } from '../../vault';
import type { ChecklistContent } from '../contentLoader';
import { makeUpdate, type DeskSigner, type MadeUpdate } from './makeUpdate';
import { checkUpdate, type UpdateCheckContext, type UpdatePreview } from './checkUpdate';
import { describeChanges, mergeContent, type ContentChanges } from './mergeContent';
import { updateError } from './updateError';
import { createUpdateStore, type AppliedUpdate } from './updateStore';
import { createSerialQueue } from '../../common';

export type { UpdatePreview } from './checkUpdate';

export interface AppliedUpdateView {
  teamId: string;
  teamName: string;
  sequence: number;
  issuedAt: string;
  appliedAt: string;
  /** Earlier updates of this team kept: removing this one brings the newest of them back. */
  earlier: number;
}

export interface ChecklistUpdateService {
  /** The content to show: shipped, plus applied updates once loaded (never while locked). */
  content(): ChecklistContent;
  /** Reads the applied updates from the vault; the handlers call it while unlocked. */
  load(): Promise<void>;
  /** On lock: back to the shipped content, nothing of the updates kept in memory. */
  reset(): void;
  preview(text: string, lang: Locale): Promise<UpdatePreview>;
  apply(text: string, lang: Locale): Promise<UpdatePreview>;
  list(): Promise<AppliedUpdateView[]>;
  remove(teamId: string, lang: Locale): Promise<ContentChanges>;
  /** Desk: signs an edited draft as the team's next update. */
  make(draft: string, signer: DeskSigner): Promise<MadeUpdate>;
}

export function createChecklistUpdateService(options: {
  shipped: ChecklistContent;
  records: EncryptedRecordStore;
  pgp: PgpService;
  clock?: () => Date;
}): ChecklistUpdateService {
  const { shipped, records, pgp } = options;
  const clock = options.clock ?? (() => new Date());
  const store = createUpdateStore(records);
  const checkContext: UpdateCheckContext = { shipped, store, pgp, clock };
  const check = (text: string, lang: Locale) => checkUpdate(checkContext, text, lang);
  let merged: ChecklistContent | null = null;
  let generation = 0;
  const serial = createSerialQueue().run;

  const mergedFrom = async (): Promise<ChecklistContent> =>
    mergeContent(
      shipped,
      (await store.current()).map(({ update }) => update.body),
    );
  const refresh = async (): Promise<ChecklistContent> => {
    const started = generation;
    const next = await mergedFrom();
    // A lock while reading: do not bring the updates back into memory.
    if (started === generation) merged = next;
    return next;
  };

  return {
    content: () => merged ?? shipped,
    async load() {
      if (merged === null) await refresh();
    },
    reset() {
      generation += 1;
      merged = null;
    },
    preview: (text, lang) => check(text, lang).then(({ preview }) => preview),
    apply: (text, lang) =>
      serial(async () => {
        const { verified, preview } = await check(text, lang);
        await store.push({ body: verified.body, signed: verified.signed }, clock());
        await refresh();
        return preview;
      }),
    async list() {
      return (await store.current()).map(({ update, earlier }) => view(update, earlier));
    },
    remove: (teamId, lang) =>
      serial(async () => {
        if (!(await store.top(teamId))) throw updateError('checklist/update-not-applied');
        const before = await mergedFrom();
        await store.pop(teamId);
        return describeChanges(before, await refresh(), lang);
      }),
    make: (draft, signer) => makeUpdate(draft, signer, records, clock()),
  };
}

function view(update: AppliedUpdate, earlier: number): AppliedUpdateView {
  return {
    teamId: update.body.teamId,
    teamName: update.body.teamName,
    sequence: update.body.sequence,
    issuedAt: update.body.issuedAt,
    appliedAt: update.appliedAt,
    earlier,
  };
}
