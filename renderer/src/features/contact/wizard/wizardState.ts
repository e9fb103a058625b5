import type { RequestCategory } from '../../../../../shared/contact/categories';
import { fieldsForCategory } from '../../../../../shared/contact/forms';
import type { TeamSummary } from '../../../../../shared/ipc/contact';

export const STEPS = ['team', 'need', 'form', 'review', 'result'] as const;
export type Step = (typeof STEPS)[number];

/** What the person has chosen and typed so far; kept as an encrypted draft until it is encrypted. */
export interface Draft {
  teamId: string | null;
  category: RequestCategory | null;
  fields: Record<string, string>;
  text: string;
  anonymous: boolean;
}

export const EMPTY_DRAFT: Draft = { teamId: null, category: null, fields: {}, text: '', anonymous: false };

/** Sensible answers preset so a frightened person has fewer choices to make. */
const PRESETS: Readonly<Record<string, string>> = { urgency: 'normal', replyVia: 'same-channel' };

/** Every change a step can make to the draft: one reducer, so no step edits it its own way. */
export type DraftAction =
  | { type: 'team'; team: Pick<TeamSummary, 'teamId' | 'categories'> }
  | { type: 'category'; category: RequestCategory }
  | { type: 'field'; key: string; value: string }
  | { type: 'text'; text: string }
  | { type: 'anonymous'; anonymous: boolean }
  | { type: 'reset' };

export function draftReducer(draft: Draft, action: DraftAction): Draft {
  switch (action.type) {
    case 'team':
      // A category the new team does not handle cannot stay chosen.
      return {
        ...draft,
        teamId: action.team.teamId,
        category: draft.category && action.team.categories.includes(draft.category) ? draft.category : null,
      };
    case 'category': {
      // Keep what was already typed for fields the new form shares; preset the rest.
      const fields: Record<string, string> = {};
      for (const field of fieldsForCategory(action.category))
        fields[field.key] = draft.fields[field.key] ?? PRESETS[field.key] ?? '';
      return { ...draft, category: action.category, fields };
    }
    case 'field':
      return { ...draft, fields: { ...draft.fields, [action.key]: action.value } };
    case 'text':
      return { ...draft, text: action.text };
    case 'anonymous':
      return { ...draft, anonymous: action.anonymous };
    case 'reset':
      return EMPTY_DRAFT;
  }
}
