import type { DraftOf } from '../../../../shared/ipc/drafts';
import type { Draft, Step } from './wizard/wizardState';

/**
 * What of the wizard goes into the encrypted draft: everything typed and the step, until the
 * request is encrypted (the result step) or there is nothing in it yet. Null = no draft.
 */
export function toStoredRequest(draft: Draft, step: Step): DraftOf<'request'> | null {
  if (step === 'result') return null;
  const typed = draft.text !== '' || Object.values(draft.fields).some((value) => value !== '');
  if (draft.teamId === null && !typed) return null;
  return { ...draft, step };
}
