import type { ErrorCodeOf } from '../../../shared/errorCodes';
import { errorsOf } from '../../../shared/errors';
import { errnoOf } from '../common';

/** Every code this service throws; the renderer translates them (resources/locales/<lng>/errors.json). */
export type PanicErrorCode = ErrorCodeOf<'panic'>;

export const panicError = errorsOf<'panic'>();

/** What a failed step reports: the errno or TikhoError code (services/common), else 'unknown'. */
export function failureCode(err: unknown): string {
  return errnoOf(err) ?? 'unknown';
}
