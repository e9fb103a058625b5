import { describe, expect, it } from 'vitest';
import { isTikhoError } from '../../../shared/errors';
import {
  CODE_DIGITS,
  dammDigit,
  formatGroups,
  groupIsValid,
  parseRecoveryInput,
  sealGroup,
} from '../../../shared/recoveryCode';
import { newRecoveryCode, recoverySecretFromInput } from '../../../electron/services/vault/recoveryCode';

function refusal(typed: string): { code: string; params: unknown } {
  try {
    recoverySecretFromInput(typed);
  } catch (err) {
    if (isTikhoError(err)) return { code: err.code, params: err.params };
    throw err;
  }
  throw new Error('accepted');
}

/** Group `n` (1-based) with one digit changed. */
function mistype(groups: string[], n: number, at = 2): string[] {
  return groups.map((g, i) =>
    i === n - 1 ? g.slice(0, at) + String((Number(g[at]) + 1) % 10) + g.slice(at + 1) : g,
  );
}

describe('Damm check digit', () => {
  it('gives the published worked example and verifies to 0', () => {
    expect(dammDigit('572')).toBe(4);
    expect(dammDigit('5724')).toBe(0);
  });

  it('every group, at every position, catches each single-digit error, each adjacent swap and a wrong position', () => {
    let missed = 0;
    for (let index = 0; index < 10; index++)
      for (let n = 0; n < 10_000; n++) {
        const group = sealGroup(index, String(n).padStart(4, '0'));
        if (!groupIsValid(index, group)) missed++;
        for (let other = 0; other < 10; other++) if (other !== index && groupIsValid(other, group)) missed++;
        for (let at = 0; at < 5; at++) {
          for (let d = 0; d < 10; d++) {
            if (String(d) === group[at]) continue;
            if (groupIsValid(index, group.slice(0, at) + String(d) + group.slice(at + 1))) missed++;
          }
          if (at < 4 && group[at] !== group[at + 1]) {
            const swapped = group.slice(0, at) + group[at + 1] + group[at] + group.slice(at + 2);
            if (groupIsValid(index, swapped)) missed++;
          }
        }
      }
    expect(missed).toBe(0);
  });
});

describe('making a code', () => {
  it('is 50 digits in ten valid groups, and reads back as itself', () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^\d{50}$/u);
    const groups = formatGroups(code);
    expect(groups.every((g, i) => groupIsValid(i, g))).toBe(true);
    expect(parseRecoveryInput(groups.join(' '))).toEqual({ kind: 'code', canonical: code });
  });

  it('skips bytes of 250 and above, so every digit is uniform', () => {
    let call = 0;
    // First draw: all 255 (unusable), then bytes 250..255 and 0..249 repeating.
    const code = newRecoveryCode((b) => {
      for (let i = 0; i < b.length; i++) b[i] = call === 0 ? 255 : (250 + i) % 256;
      call++;
    });
    // Bytes 250..255 are skipped, then 0,1,2,… → data digits 0 1 2 3 | 4 5 6 7 | …
    expect(formatGroups(code).map((g) => g.slice(0, 4))[0]).toBe('0123');
    expect(formatGroups(code).map((g) => g.slice(0, 4))[1]).toBe('4567');
  });

  it('two codes differ (the CSPRNG is really used)', () => {
    expect(newRecoveryCode()).not.toBe(newRecoveryCode());
  });
});

describe('reading what a person typed', () => {
  const code = newRecoveryCode();
  const groups = formatGroups(code);

  it('accepts spaces, dashes, no spaces, line breaks, full-width and Arabic-Indic digits', () => {
    const variants = [
      groups.join(' '),
      groups.join('-'),
      groups.join('–'),
      groups.join(''),
      `  ${groups.slice(0, 5).join(' ')}\n${groups.slice(5).join(' ')}  `,
      groups.join(' ').replace(/\d/gu, (d) => String.fromCharCode(0xff10 + Number(d))),
      groups.join(' ').replace(/\d/gu, (d) => String.fromCharCode(0x0660 + Number(d))),
      groups.join('\u00a0'),
    ];
    for (const typed of variants) expect(recoverySecretFromInput(typed)).toBe(code);
  });

  it('points at the mistyped group, and at each of several', () => {
    expect(parseRecoveryInput(mistype(groups, 4).join(' '))).toEqual({ kind: 'mistyped', groups: [4] });
    expect(parseRecoveryInput(mistype(mistype(groups, 2), 9).join(''))).toEqual({
      kind: 'mistyped',
      groups: [2, 9],
    });
    expect(refusal(mistype(groups, 4).join(' '))).toEqual({
      code: 'vault/recovery-code-mistyped',
      params: { group: 4 },
    });
  });

  it('catches two groups typed in each other’s place', () => {
    const swapped = [...groups];
    [swapped[2], swapped[3]] = [groups[3] ?? '', groups[2] ?? ''];
    const parsed = parseRecoveryInput(swapped.join(' '));
    expect(parsed.kind === 'mistyped' && parsed.groups.includes(3) && parsed.groups.includes(4)).toBe(true);
  });

  it('a digit left out: blamed on its own group when spaced, else the first group that stops checking', () => {
    // A fixed code: with a random one, the five digits read in group 7's place after the gap check
    // by chance one time in ten, and the first group that stops checking is then a later one.
    const fixed = Array.from({ length: 10 }, (_, i) => sealGroup(i, String(1234 + i * 801).padStart(4, '0')));
    expect(groupIsValid(6, fixed.join('').slice(31, 36))).toBe(false);
    const short = fixed.map((g, i) => (i === 6 ? g.slice(1) : g));
    expect(parseRecoveryInput(short.join(' '))).toEqual({ kind: 'mistyped', groups: [7] });
    const unspaced = parseRecoveryInput(short.join(''));
    expect(unspaced).toEqual({ kind: 'length', digits: CODE_DIGITS - 1, group: 7 });
    expect(refusal(short.join('')).code).toBe('vault/recovery-code-length-at');
  });

  it('a letter O typed for a zero is pointed at in its group', () => {
    const withLetter = groups.map((g, i) => (i === 1 ? `O${g.slice(1)}` : g));
    expect(parseRecoveryInput(withLetter.join(' '))).toEqual({ kind: 'mistyped', groups: [2] });
  });

  it('an old 12-word code is read as words; a wrong word count or an unknown word is pointed at', () => {
    const words = 'Abandon ability able about above absent absorb abstract absurd abuse access accident';
    expect(recoverySecretFromInput(`  ${words}  `)).toBe(words.toLowerCase());
    expect(refusal('abandon ability able').code).toBe('vault/recovery-words-count');
    expect(refusal(words.replace('absurd', 'absurt'))).toEqual({
      code: 'vault/recovery-words-unknown',
      params: { words: '9' },
    });
  });
});
