import type { ErrorCodeOf } from './errorCodes';

/**
 * The recovery code people type: 10 groups of 5 digits. In each group the first four
 * digits are random and the fifth is a Damm check digit over the group's number (0–9) followed by
 * those four digits, so a mistyped digit, two swapped neighbours or a group typed in the wrong
 * place are caught in that group and the field can say which one. Digits need no keyboard layout:
 * a Russian or Ukrainian keyboard types them as they are. The layout, the entropy
 * (40 random digits = 132.9 bits) and the normalisation are written down in docs/vault-format.md.
 *
 * Shared by main (the authority: it parses again whatever the renderer sends) and the renderer
 * (so the person hears about a typo at once, without waiting for Argon2id).
 */

export const CODE_GROUPS = 10;
export const DATA_DIGITS_PER_GROUP = 4;
export const GROUP_LENGTH = DATA_DIGITS_PER_GROUP + 1;
export const CODE_DIGITS = CODE_GROUPS * GROUP_LENGTH;

/**
 * Damm's totally anti-symmetric quasigroup of order 10 (H. M. Damm, 2004; the table published
 * with the algorithm). It detects every single-digit error and every swap of adjacent digits.
 * Checked against the published worked example (572 → 4) and exhaustively in the unit tests.
 * No npm package is used: the two on the registry (`damm` 0.0.1, `node-verhoeff` 0.0.11) are
 * single-release, untyped CommonJS; ten rows of a published table are easier to audit.
 */
const DAMM: readonly (readonly number[])[] = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

/** The Damm check digit of a string of ASCII digits. */
export function dammDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim]?.[ch.charCodeAt(0) - 48] ?? 0;
  return interim;
}

/** The full group (four data digits + check digit) for the group at `index` (0-based). */
export function sealGroup(index: number, data: string): string {
  return data + String(dammDigit(String(index) + data));
}

export function groupIsValid(index: number, group: string): boolean {
  return /^\d{5}$/u.test(group) && sealGroup(index, group.slice(0, DATA_DIGITS_PER_GROUP)) === group;
}

/** Zeros of the decimal digit runs accepted besides ASCII: full-width, Arabic-Indic, Persian, Devanagari. */
const DIGIT_ZEROS = [0xff10, 0x0660, 0x06f0, 0x0966];
/** Spaces of any kind, hyphens and dashes, dots, slashes, commas, underscores. */
const SEPARATOR = /[\s\u00b7\u2010-\u2015\u2212\ufe58\ufe63\uff0d\-./,_]/u;

/** One typed character as a digit '0'–'9', a separator ' ', or '?' for anything else. */
function classifyChar(ch: string): string {
  if (ch >= '0' && ch <= '9') return ch;
  const cp = ch.codePointAt(0) ?? 0;
  for (const zero of DIGIT_ZEROS) if (cp >= zero && cp <= zero + 9) return String(cp - zero);
  return SEPARATOR.test(ch) ? ' ' : '?';
}

export type ParsedRecoveryInput =
  /** A digit code whose every group checks: `canonical` (50 ASCII digits) goes to the KDF. */
  | { kind: 'code'; canonical: string }
  /** Letters only: an older 12-word code (BIP39, English) from before digit codes. */
  | { kind: 'words'; words: string[] }
  /** Groups (1-based) that fail their check, or hold something that is not a digit. */
  | { kind: 'mistyped'; groups: number[] }
  /** Not 50 digits. `group`: the first group (1-based) that fails when the digits are read in fives. */
  | { kind: 'length'; digits: number; group: number | null }
  | { kind: 'empty' };

/** Letters only, separated by spaces: the shape of an old word code (checked further in main). */
const WORDS = /^\s*\p{L}+(?:\s+\p{L}+)*\s*$/u;

/**
 * Reads what was typed into the recovery field. Groups are taken from the person's own spacing
 * when it gives ten of them (so one missing digit is blamed on its own group); otherwise the
 * digits are read in fives.
 */
export function parseRecoveryInput(typed: string): ParsedRecoveryInput {
  if (typed.trim().length === 0) return { kind: 'empty' };
  if (WORDS.test(typed)) return { kind: 'words', words: typed.trim().split(/\s+/u) };
  const mapped = [...typed].map(classifyChar).join('');
  const tokens = mapped.split(' ').filter((token) => token.length > 0);
  const joined = tokens.join('');
  const groups =
    tokens.length === CODE_GROUPS
      ? tokens
      : joined.length === CODE_DIGITS
        ? Array.from({ length: CODE_GROUPS }, (_, i) =>
            joined.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH),
          )
        : null;
  if (groups === null) {
    const digits = joined.replace(/\?/gu, '').length;
    return { kind: 'length', digits, group: firstBadChunk(joined) };
  }
  const bad = groups.flatMap((group, i) => (groupIsValid(i, group) ? [] : [i + 1]));
  if (bad.length > 0) return { kind: 'mistyped', groups: bad };
  return { kind: 'code', canonical: groups.join('') };
}

function firstBadChunk(joined: string): number | null {
  for (let i = 0; i < CODE_GROUPS; i++) {
    const chunk = joined.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH);
    if (!groupIsValid(i, chunk)) return i + 1;
  }
  return null;
}

/** The code as shown and printed: ten groups of five digits. */
export function formatGroups(canonical: string): string[] {
  return Array.from({ length: CODE_GROUPS }, (_, i) =>
    canonical.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH),
  );
}

/** What to tell the person about a typed code that cannot be right, as an error code and params. */
export function recoveryInputProblem(
  parsed: ParsedRecoveryInput,
): { code: ErrorCodeOf<'vault'>; params: Record<string, string | number> } | null {
  switch (parsed.kind) {
    // Two codes, not a plural: the error catalogs hold one string per code (tests/unit/shared/errorCodes.test.ts).
    case 'mistyped':
      return parsed.groups.length === 1
        ? { code: 'vault/recovery-code-mistyped', params: { group: parsed.groups[0] ?? 0 } }
        : { code: 'vault/recovery-code-mistyped-several', params: { groups: parsed.groups.join(', ') } };
    case 'length':
      return parsed.group === null
        ? { code: 'vault/recovery-code-length', params: { count: parsed.digits, expected: CODE_DIGITS } }
        : {
            code: 'vault/recovery-code-length-at',
            params: { count: parsed.digits, expected: CODE_DIGITS, group: parsed.group },
          };
    case 'empty':
      return { code: 'vault/recovery-code-length', params: { count: 0, expected: CODE_DIGITS } };
    default:
      return null;
  }
}
