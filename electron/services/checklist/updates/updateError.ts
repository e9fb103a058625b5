import { TikhoError } from '../../../../shared/errors';

/** Why an update was refused; each is a translated message (checklist:errors.<name>). Nothing changes on any of them. */
export type UpdateErrorCode =
  | 'checklist/update-too-large'
  | 'checklist/update-compressed'
  | 'checklist/update-unsigned'
  | 'checklist/update-malformed'
  | 'checklist/update-invalid-content'
  | 'checklist/update-unsupported-version'
  | 'checklist/update-bad-signature'
  | 'checklist/update-unknown-team'
  | 'checklist/update-team-unverified'
  | 'checklist/update-older'
  | 'checklist/update-already-applied'
  | 'checklist/update-empty'
  | 'checklist/update-not-applied'
  | 'checklist/update-desk-only';

export function updateError(code: UpdateErrorCode, params: Record<string, string | number> = {}): TikhoError {
  return new TikhoError(code, params);
}
