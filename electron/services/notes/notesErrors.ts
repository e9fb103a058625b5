import type { ErrorCode } from '../../../shared/errorCodes';
import { TikhoError } from '../../../shared/errors';

/**
 * Vault codes that read better in the notebook's own words (resources/locales/<lng>/notes.json,
 * `errors.*`). Codes not listed here (locked, disk full, read-only …) are already translated in
 * errors.json and pass through unchanged.
 */
const RENAMED: Partial<Record<ErrorCode, ErrorCode>> = {
  'vault/note-not-found': 'notes/not-found',
  'vault/record-damaged': 'notes/damaged',
  'vault/record-replayed': 'notes/damaged',
  'vault/note-too-large': 'notes/too-large',
  'vault/attachment-too-large': 'notes/attachment-too-large',
  'vault/attachment-damaged': 'notes/attachment-damaged',
  'vault/attachment-not-found': 'notes/attachment-not-found',
  'vault/attachment-size-mismatch': 'notes/upload-incomplete',
  'vault/backup-damaged': 'notes/backup-damaged',
  'vault/backup-unreadable': 'notes/backup-damaged',
  'vault/not-empty': 'notes/restore-not-empty',
};

export function toNotesError(err: unknown, overrides: Partial<Record<ErrorCode, ErrorCode>> = {}): unknown {
  if (!(err instanceof TikhoError)) return err;
  const code = overrides[err.code] ?? RENAMED[err.code];
  return code ? new TikhoError(code, err.params) : err;
}

/** Runs a vault call and rethrows its errors under the notebook's codes. */
export async function asNotes<T>(
  task: () => Promise<T> | T,
  overrides?: Partial<Record<ErrorCode, ErrorCode>>,
): Promise<T> {
  try {
    return await task();
  } catch (err) {
    throw toNotesError(err, overrides);
  }
}
