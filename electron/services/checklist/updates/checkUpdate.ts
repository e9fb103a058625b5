import type { Locale } from '../../../../shared/checklist/schema';
import type { PgpService } from '../../pgp';
import type { ChecklistContent } from '../contentLoader';
import { describeChanges, mergeContent, type ContentChanges } from './mergeContent';
import { readVerifiedUpdate, type VerifiedUpdate } from './readUpdate';
import { updateError } from './updateError';
import type { UpdateStore } from './updateStore';

export interface UpdatePreview {
  teamId: string;
  teamName: string;
  sequence: number;
  issuedAt: string;
  /** The sequence of the team's update this one replaces, or null for the team's first. */
  replaces: number | null;
  changes: ContentChanges;
}

/** What checking an offered update needs: the shipped content, the applied updates, the keys. */
export interface UpdateCheckContext {
  shipped: ChecklistContent;
  store: UpdateStore;
  pgp: PgpService;
  clock: () => Date;
}

/** Verifies and checks order; returns what applying would make of the content. */
export async function checkUpdate(
  ctx: UpdateCheckContext,
  text: string,
  lang: Locale,
): Promise<{ verified: VerifiedUpdate; preview: UpdatePreview }> {
  const { shipped, store } = ctx;
  const verified = await readVerifiedUpdate(text, ctx.pgp, ctx.clock());
  const top = await store.top(verified.body.teamId);
  if (top) {
    if (verified.body.sequence === top.body.sequence)
      throw updateError('checklist/update-already-applied', { sequence: top.body.sequence });
    if (verified.body.sequence < top.body.sequence)
      throw updateError('checklist/update-older', {
        offered: verified.body.sequence,
        current: top.body.sequence,
      });
  }
  const current = await store.current();
  const before = mergeContent(
    shipped,
    current.map(({ update }) => update.body),
  );
  // The team's new update replaces its current one and is laid over last, as apply will.
  const others = current.filter(({ update }) => update.body.teamId !== verified.body.teamId);
  const after = mergeContent(shipped, [...others.map(({ update }) => update.body), verified.body]);
  const preview: UpdatePreview = {
    teamId: verified.body.teamId,
    teamName: verified.team.teamName,
    sequence: verified.body.sequence,
    issuedAt: verified.body.issuedAt,
    replaces: top?.body.sequence ?? null,
    changes: describeChanges(before, after, lang),
  };
  return { verified, preview };
}
