/**
 * The one error type that crosses from services to the UI. `code` is `domain/kebab-case` and maps
 * to a translated message (resources/locales/<lng>/errors.json); `params` fill its placeholders.
 * Messages never hold secrets: the code is the message.
 */
export type ErrorParams = Record<string, string | number>;

import type { ErrorCode, ErrorCodeOf, ErrorDomain } from './errorCodes';

export class TikhoError extends Error {
  override readonly name = 'TikhoError';
  constructor(
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(code);
  }
}

export function isTikhoError(value: unknown): value is TikhoError {
  return value instanceof TikhoError;
}

/** A domain's error constructor: only that domain's codes (shared/errorCodes.ts) type-check. */
export function errorsOf<D extends ErrorDomain>(): (
  code: ErrorCodeOf<D>,
  params?: ErrorParams,
) => TikhoError {
  return (code, params = {}) => new TikhoError(code, params);
}
