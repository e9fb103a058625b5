/**
 * Every error code that can cross from main to the renderer, by domain: the one place codes are
 * declared. `TikhoError` takes only these, each domain's error helper only its own, and
 * tests/unit/shared/errorCodes.test.ts checks that each has a message in en, ru and uk
 * (resources/locales/<lng>/errors.json, or `<domain>.json` → `errors.<name>`).
 */

/** The encrypted vault: unlock, records, attachments, backups, recovery code (electron/services/vault). */
export const VAULT_ERROR_CODES = [
  'vault/attachment-damaged',
  'vault/attachment-not-found',
  'vault/attachment-size-mismatch',
  'vault/attachment-source-unreadable',
  'vault/attachment-too-large',
  'vault/backup-damaged',
  'vault/backup-unreadable',
  'vault/busy',
  'vault/disk-full',
  'vault/exists',
  'vault/header-corrupt',
  'vault/index-damaged',
  'vault/invalid-record-address',
  'vault/invalid-slot-role',
  'vault/io-error',
  'vault/locked',
  'vault/new-passphrase-required',
  'vault/no-free-slot',
  'vault/not-empty',
  'vault/not-found',
  'vault/not-primary',
  'vault/not-recovery',
  'vault/note-not-found',
  'vault/note-too-large',
  'vault/passphrase-in-use',
  'vault/passphrase-too-weak',
  'vault/read-only',
  'vault/record-damaged',
  'vault/record-replayed',
  'vault/records-missing',
  'vault/recovery-code-length',
  'vault/recovery-code-length-at',
  'vault/recovery-code-mistyped',
  'vault/recovery-code-mistyped-several',
  'vault/recovery-words-count',
  'vault/recovery-words-unknown',
  'vault/reserved-collection',
  'vault/strength-check-busy',
  'vault/strength-check-superseded',
  'vault/unsupported-version',
  'vault/weak-kdf-params',
  'vault/wrong-passphrase',
  'vault/wrong-recovery-code',
] as const;

/** The notebook's own words for vault codes, and attachment uploads (electron/services/notes). */
export const NOTES_ERROR_CODES = [
  'notes/attachment-damaged',
  'notes/attachment-not-found',
  'notes/attachment-too-large',
  'notes/backup-damaged',
  'notes/backup-wrong-passphrase',
  'notes/damaged',
  'notes/not-found',
  'notes/preview-unsupported',
  'notes/restore-not-empty',
  'notes/too-large',
  'notes/too-many-uploads',
  'notes/upload-cancelled',
  'notes/upload-expired',
  'notes/upload-incomplete',
  'notes/upload-invalid-chunk',
  'notes/upload-not-found',
  'notes/upload-out-of-order',
  'notes/upload-too-large',
] as const;

/** OpenPGP: team cards, requests, replies, keys (electron/services/pgp). */
export const PGP_ERROR_CODES = [
  'pgp/bad-passphrase',
  'pgp/bad-signature',
  'pgp/card-bad-signature',
  'pgp/card-fingerprint-mismatch',
  'pgp/card-malformed',
  'pgp/card-signed-in-future',
  'pgp/card-unsupported-version',
  'pgp/category-not-handled',
  'pgp/input-too-large',
  'pgp/key-expired',
  'pgp/key-locked',
  'pgp/key-revoked',
  'pgp/malformed-armor',
  'pgp/malformed-key',
  'pgp/message-corrupted',
  'pgp/mime-too-large',
  'pgp/missing-signature',
  'pgp/no-own-key',
  'pgp/no-pending-key-change',
  'pgp/not-a-secret-key',
  'pgp/not-for-you',
  'pgp/not-text',
  'pgp/own-request-pasted',
  'pgp/record-corrupted',
  'pgp/request-invalid',
  'pgp/revocation-unknown-key',
  'pgp/secret-key-in-public-block',
  'pgp/signed-in-future',
  'pgp/team-fingerprint-mismatch',
  'pgp/team-revoked',
  'pgp/thread-full',
  'pgp/truncated',
  'pgp/unexpected-block',
  'pgp/unknown-reply',
  'pgp/unknown-request',
  'pgp/unknown-team',
  'pgp/unsupported-key-version',
] as const;

/** The forward-secret channel (electron/services/signal) and its IPC handlers. */
export const CHANNEL_ERROR_CODES = [
  'channel/bundle-bad-signature',
  'channel/bundle-expired',
  'channel/bundle-malformed',
  'channel/duplicate',
  'channel/envelope-malformed',
  'channel/envelope-too-large',
  'channel/envelope-version-unsupported',
  'channel/identity-changed',
  'channel/message-too-large',
  'channel/no-session',
  'channel/not-for-me',
  'channel/safety-number-mismatch',
  'channel/stale-prekey',
  'channel/state-corrupt',
  'channel/tampered',
  'channel/team-no-channel',
  'channel/team-unverified',
  'channel/thread-not-found',
  'channel/unknown-sender',
  'channel/wrong-role',
] as const;

/** A support desk's own side (electron/services/desk). */
export const DESK_ERROR_CODES = [
  'desk/no-card',
  'desk/no-reply-key',
  'desk/not-set-up',
  'desk/record-corrupt',
  'desk/request-duplicate',
  'desk/request-not-for-desk',
  'desk/unknown-person',
] as const;

/** The checklist, its handout, the practice profile and signed updates (electron/services/checklist). */
export const CHECKLIST_ERROR_CODES = [
  'checklist/practice-folder-refused',
  'checklist/practice-in-use',
  'checklist/practice-missing',
  'checklist/practice-unavailable',
  'checklist/print-unavailable',
  'checklist/unknown-item',
  'checklist/update-already-applied',
  'checklist/update-bad-signature',
  'checklist/update-compressed',
  'checklist/update-desk-only',
  'checklist/update-empty',
  'checklist/update-invalid-content',
  'checklist/update-malformed',
  'checklist/update-not-applied',
  'checklist/update-older',
  'checklist/update-team-unverified',
  'checklist/update-too-large',
  'checklist/update-unknown-team',
  'checklist/update-unsigned',
  'checklist/update-unsupported-version',
] as const;

/** The panic wipe, duress passphrase and drill (electron/services/panic). */
export const PANIC_ERROR_CODES = [
  'panic/decoy-failed',
  'panic/drill-failed',
  'panic/duress-too-close',
  'panic/invalid-dead-man',
  'panic/invalid-end-state',
  'panic/invalid-limit',
  'panic/locked',
  'panic/no-decoy',
  'panic/shortcut-off',
  'panic/unsafe-data-dir',
  'panic/wrong-passphrase',
] as const;

/** The dispatcher itself: who may call, what may be sent (electron/services/ipc). */
export const IPC_ERROR_CODES = [
  'ipc/forbidden-sender',
  'ipc/invalid-request',
  'ipc/too-large',
  'ipc/unexpected',
  'ipc/unknown-channel',
] as const;

export const ERROR_CODES = [
  ...VAULT_ERROR_CODES,
  ...NOTES_ERROR_CODES,
  ...PGP_ERROR_CODES,
  ...CHANNEL_ERROR_CODES,
  ...DESK_ERROR_CODES,
  ...CHECKLIST_ERROR_CODES,
  ...PANIC_ERROR_CODES,
  ...IPC_ERROR_CODES,
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
export type ErrorDomain = ErrorCode extends `${infer D}/${string}` ? D : never;
/** The codes of one domain, e.g. `ErrorCodeOf<'pgp'>`. */
export type ErrorCodeOf<D extends ErrorDomain> = Extract<ErrorCode, `${D}/${string}`>;

const KNOWN: ReadonlySet<string> = new Set(ERROR_CODES);

export function isErrorCode(value: string): value is ErrorCode {
  return KNOWN.has(value);
}
