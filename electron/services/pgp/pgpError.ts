import type { ErrorCodeOf } from '../../../shared/errorCodes';
import { errorsOf, isTikhoError, type TikhoError } from '../../../shared/errors';

/**
 * Error codes this service raises. Each is a translated message in the UI (errors namespace).
 * Messages never carry key material or plaintext.
 */
export type PgpErrorCode = ErrorCodeOf<'pgp'>;

export const pgpError = errorsOf<'pgp'>();

/**
 * Maps an error thrown by openpgp to our code. openpgp v6 throws plain Errors whose messages are
 * its only discriminator; the patterns below were measured against openpgp 6.3.2 and are pinned
 * by tests (tests/unit/services/pgp/badInput.test.ts), so a library upgrade that rewords them fails
 * loudly instead of showing the wrong message.
 */
export function mapOpenpgpError(error: unknown, fallback: PgpErrorCode): TikhoError {
  if (isTikhoError(error)) return error;
  const message = error instanceof Error ? error.message : '';
  if (/Misformed armored text|Unknown ASCII armor type|Ascii armor integrity check failed/i.test(message)) {
    return pgpError('pgp/malformed-armor');
  }
  if (/Unexpected end of packet|Premature end|end of stream/i.test(message)) return pgpError('pgp/truncated');
  // "Key Data Integrity failed" is the AES key unwrap of an ECDH session key (RFC 3394) under the
  // wrong key: what a wildcard recipient (RFC 9580 §5.1) tried with another key gives.
  if (
    /No decryption key packets found|Session key decryption failed|Key Data Integrity failed/i.test(message)
  ) {
    return pgpError('pgp/not-for-you');
  }
  if (/Modification detected|Integrity|MDC/i.test(message)) return pgpError('pgp/message-corrupted');
  if (/revoked/i.test(message)) return pgpError('pgp/key-revoked');
  if (/expired/i.test(message)) return pgpError('pgp/key-expired');
  if (/not of type/i.test(message)) return pgpError('pgp/unexpected-block');
  if (/does not conform to a valid OpenPGP format|Error during parsing/i.test(message)) {
    return pgpError(fallback === 'pgp/malformed-key' ? 'pgp/malformed-key' : 'pgp/malformed-armor');
  }
  return pgpError(fallback);
}
