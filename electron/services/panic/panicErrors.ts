import { TikhoError } from '../../../shared/errors';
import { errnoOf } from '../common';

/** Every code this service throws; the renderer translates them (resources/locales/<lng>/errors.json). */
export type PanicErrorCode =
  | 'panic/locked'
  | 'panic/wrong-passphrase'
  | 'panic/duress-too-close'
  | 'panic/duress-not-set'
  | 'panic/no-decoy'
  | 'panic/invalid-end-state'
  | 'panic/invalid-limit'
  | 'panic/invalid-dead-man'
  | 'panic/unsafe-data-dir'
  | 'panic/decoy-failed'
  | 'panic/drill-failed'
  | 'panic/shortcut-off';

export function panicError(code: PanicErrorCode, params: Record<string, string | number> = {}): TikhoError {
  return new TikhoError(code, params);
}

/** What a failed step reports: the errno or TikhoError code (services/common), else 'unknown'. */
export function failureCode(err: unknown): string {
  return errnoOf(err) ?? 'unknown';
}
