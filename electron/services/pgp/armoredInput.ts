import { pgpError } from './pgpError';

/** The armor block kinds this service accepts (RFC 9580 §6.2 armor header lines). */
export type ArmorKind = 'message' | 'public-key' | 'private-key' | 'signed-message' | 'signature';

const HEADER_TO_KIND: Record<string, ArmorKind> = {
  'PGP MESSAGE': 'message',
  'PGP PUBLIC KEY BLOCK': 'public-key',
  'PGP PRIVATE KEY BLOCK': 'private-key',
  'PGP SIGNED MESSAGE': 'signed-message',
  'PGP SIGNATURE': 'signature',
};
/** A cleartext-signed message ends with the armor of its signature (RFC 9580 §7). */
const END_OF: Record<ArmorKind, string> = {
  message: '-----END PGP MESSAGE-----',
  'public-key': '-----END PGP PUBLIC KEY BLOCK-----',
  'private-key': '-----END PGP PRIVATE KEY BLOCK-----',
  'signed-message': '-----END PGP SIGNATURE-----',
  signature: '-----END PGP SIGNATURE-----',
};

const BEGIN_LINE = /^-----BEGIN (PGP [A-Z ,/0-9]+)-----[ \t]*\r?$/m;
// eslint-disable-next-line no-control-regex -- detecting binary input is the point
const BINARY_BYTES = /[\u0000-\u0008\u000e-\u001f]/;

/**
 * Checks a pasted or opened armored block before any OpenPGP parser sees it: that it is text,
 * within the size cap, of the expected kind and complete. Returns just the armored block, so
 * chatter around it (an e-mail's greeting, a messenger's quote marks) does not reach the parser.
 */
export function extractArmoredBlock(
  input: unknown,
  expected: readonly ArmorKind[],
  maxChars: number,
): string {
  if (typeof input !== 'string') throw pgpError('pgp/not-text');
  if (input.length > maxChars) throw pgpError('pgp/input-too-large', { maxBytes: maxChars });
  if (BINARY_BYTES.test(input)) throw pgpError('pgp/malformed-armor');
  const begin = BEGIN_LINE.exec(input);
  if (!begin || begin[1] === undefined) throw pgpError('pgp/malformed-armor');
  const found = HEADER_TO_KIND[begin[1]];
  if (found === undefined) throw pgpError('pgp/malformed-armor');
  if (!expected.includes(found)) {
    throw pgpError('pgp/unexpected-block', { found, expected: expected.join(',') });
  }
  const endMarker = END_OF[found];
  const endIndex = input.indexOf(endMarker, begin.index);
  if (endIndex < 0) throw pgpError('pgp/truncated');
  return `${input.slice(begin.index, endIndex + endMarker.length).replace(/\r\n/g, '\n')}\n`;
}
