/**
 * The one error type that crosses from services to the UI. `code` is `domain/kebab-case` and is
 * translated in the renderer; `params` carry only non-secret values (counts, limits, names the
 * user typed themselves). Never put a passphrase, key or note content into either.
 */
export class TikhoError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'TikhoError';
  }
}

export function isTikhoError(value: unknown, code?: string): value is TikhoError {
  return value instanceof TikhoError && (code === undefined || value.code === code);
}
