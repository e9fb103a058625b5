import { randomFillSync } from 'node:crypto';
import { wordlist as englishWords } from '@scure/bip39/wordlists/english.js';
import { TikhoError } from '../../../shared/errors';
import {
  CODE_GROUPS,
  DATA_DIGITS_PER_GROUP,
  parseRecoveryInput,
  recoveryInputProblem,
  sealGroup,
} from '../../../shared/recoveryCode';

/** 12 words: the only length Tikho ever made (128 bits, BIP39, English). */
const LEGACY_WORD_COUNT = 12;
const ENGLISH = new Set(englishWords);

/**
 * 40 random decimal digits from the CSPRNG (a byte is used only below 250, so each digit is
 * uniform), sealed into ten groups: the canonical 50-digit string. Shown once, never stored.
 */
export function newRecoveryCode(fill: (b: Buffer) => void = randomFillSync): string {
  const digits: number[] = [];
  const pool = Buffer.alloc(64);
  while (digits.length < CODE_GROUPS * DATA_DIGITS_PER_GROUP) {
    fill(pool);
    for (const byte of pool)
      if (byte < 250 && digits.length < CODE_GROUPS * DATA_DIGITS_PER_GROUP) digits.push(byte % 10);
  }
  pool.fill(0);
  let code = '';
  for (let g = 0; g < CODE_GROUPS; g++) {
    const data = digits.slice(g * DATA_DIGITS_PER_GROUP, (g + 1) * DATA_DIGITS_PER_GROUP).join('');
    code += sealGroup(g, data);
  }
  digits.fill(0);
  return code;
}

/** The old words as the KDF always saw them: lower case, single spaces. */
export function normaliseRecoveryWords(words: string[]): string {
  return words
    .flatMap((w) => w.trim().toLowerCase().split(/\s+/u))
    .filter((w) => w.length > 0)
    .join(' ');
}

/**
 * What typed recovery input feeds to Argon2id: a digit code's 50 digits, or an old word code's
 * normalised words. Input that cannot be a code is refused BEFORE the KDF, with the group or word
 * to look at, so a typo neither costs an unlock attempt nor counts towards the failed-unlock wipe.
 */
export function recoverySecretFromInput(typed: string): string {
  const parsed = parseRecoveryInput(typed);
  if (parsed.kind === 'code') return parsed.canonical;
  if (parsed.kind === 'words') {
    const words = normaliseRecoveryWords(parsed.words).split(' ');
    if (words.length !== LEGACY_WORD_COUNT)
      throw new TikhoError('vault/recovery-words-count', {
        count: words.length,
        expected: LEGACY_WORD_COUNT,
      });
    const unknown = words.flatMap((w, i) => (ENGLISH.has(w) ? [] : [i + 1]));
    if (unknown.length > 0)
      throw new TikhoError('vault/recovery-words-unknown', {
        words: unknown.join(', '),
      });
    return words.join(' ');
  }
  const problem = recoveryInputProblem(parsed);
  throw new TikhoError(problem?.code ?? 'vault/wrong-recovery-code', problem?.params ?? {});
}
