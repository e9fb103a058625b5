import { describe, expect, it } from 'vitest';
import { damerauLevenshtein, duressTooClose } from '../../../../electron/services/panic';

describe('Damerau–Levenshtein', () => {
  it.each([
    ['', '', 0],
    ['abc', 'abc', 0],
    ['abc', 'acb', 1],
    ['abc', 'ab', 1],
    ['abc', 'xabc', 1],
    ['kitten', 'sitting', 3],
    ['ca', 'abc', 2], // unrestricted DL; optimal string alignment would say 3
    ['тихо', 'тхио', 1],
  ])('%s ↔ %s = %i', (a, b, d) => {
    expect(damerauLevenshtein(a, b)).toBe(d);
    expect(damerauLevenshtein(b, a)).toBe(d);
  });
});

describe('duress typo guard', () => {
  const real = 'correct horse battery staple';
  it('refuses a duress passphrase one or two slips away, in any case', () => {
    expect(duressTooClose(real, 'correct horse battery stapel')).toBe('edit-distance');
    expect(duressTooClose(real, 'Correct Horse Battery Staple!!')).not.toBeNull();
    expect(duressTooClose(real, 'correct horse batery stapl')).toBe('edit-distance');
    expect(duressTooClose(real, 'CORRECT HORSE BATTERY STAPLE')).not.toBeNull();
  });
  it('refuses one that contains the other', () => {
    expect(duressTooClose(real, `${real} and more words`)).toBe('contains');
    expect(duressTooClose(real, 'horse battery')).toBe('contains');
  });
  it('refuses the real passphrase typed with the keyboard in the Russian or Ukrainian layout', () => {
    expect(duressTooClose('hjvfirf cdtnf', 'ромашка света')).toBe('keyboard-layout');
    expect(duressTooClose('ромашка света', 'hjvfirf cdtnf')).toBe('keyboard-layout');
    expect(duressTooClose('ґанок їжак', '\\fyjr ];fr')).toBe('keyboard-layout');
  });
  it('accepts a clearly different passphrase', () => {
    expect(duressTooClose(real, 'sunflower kettle ocean 42')).toBeNull();
    expect(duressTooClose('тихий вечер у реки', 'зелёный чайник и кот')).toBeNull();
    // Three edits away is allowed: the rule is "more than a typo", not "unrelated".
    expect(duressTooClose('abcdefgh12', 'abcdefgh345')).toBeNull();
  });
});
