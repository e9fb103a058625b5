import type { ErrorCodeOf } from '../../../../shared/errorCodes';
import { TikhoError, type ErrorParams } from '../../../../shared/errors';

/** Why an update was refused; each is a translated message (checklist:errors.<name>). Nothing changes on any of them. */
export type UpdateErrorCode = Extract<ErrorCodeOf<'checklist'>, `checklist/update-${string}`>;

export function updateError(code: UpdateErrorCode, params: ErrorParams = {}): TikhoError {
  return new TikhoError(code, params);
}
