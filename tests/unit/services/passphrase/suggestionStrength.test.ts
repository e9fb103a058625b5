import { describe, expect, it } from 'vitest';
import { createPassphraseChecker } from '../../../../electron/services/passphrase/passphraseStrength';
import { WORDLISTS, suggestPassphrase } from '../../../../electron/services/passphrase/suggestion';

const checker = createPassphraseChecker();

describe.each(['en', 'ru', 'uk'] as const)('a suggested %s passphrase and the strength meter', (language) => {
  it('knows the list: any one word of it alone is refused, long as it is', () => {
    // Without the list as a dictionary an 8-letter Cyrillic word is ~10^12 brute-force guesses;
    // with it, its rank (≤ 2048): the estimate is the honest, lower one.
    const longest = [...WORDLISTS[language]].sort((a, b) => b.length - a.length).slice(0, 20);
    for (const word of longest) expect(checker.check(word).verdict).toBe('refused');
  });

  it('still rates real suggestions strong, with or without the spaces', () => {
    for (let i = 0; i < 10; i++) {
      const words = suggestPassphrase(language);
      expect(checker.check(words.join(' ')).verdict).toBe('strong');
      expect(checker.check(words.join('')).verdict).toBe('strong');
    }
  });
});
