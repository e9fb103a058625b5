import { TikhoError } from '../../../shared/errors';

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

export function errnoOf(err: unknown): string {
  if (err instanceof TikhoError) return err.code;
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = err.code;
    if (typeof code === 'string') return code;
  }
  return 'unknown';
}
