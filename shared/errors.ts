/**
 * The one error type that crosses from services to the UI. `code` is `domain/kebab-case` and maps
 * to a translated message (resources/locales/<lng>/errors.json); `params` fill its placeholders.
 * Messages never hold secrets: the code is the message.
 */
export type ErrorParams = Record<string, string | number>;

export class TikhoError extends Error {
  override readonly name = 'TikhoError';
  constructor(
    readonly code: string,
    readonly params: ErrorParams = {},
  ) {
    super(code);
  }
}

export function isTikhoError(value: unknown): value is TikhoError {
  return value instanceof TikhoError;
}
