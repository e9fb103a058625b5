import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LAYOUT_LETTERS,
  MAX_WORD_LETTERS,
  MIN_SUGGESTION_BITS,
  MIN_WORD_LETTERS,
  WORDLIST_SIZE,
  wordsForSuggestion,
  type WordlistLanguage,
} from '../../../../electron/services/passphrase/wordlistRules';
import {
  WORDLISTS,
  suggestPassphrase,
  suggestionBits,
} from '../../../../electron/services/passphrase/suggestion';

const LANGUAGES: WordlistLanguage[] = ['ru', 'uk'];
const stoplist = (language: WordlistLanguage): Set<string> =>
  new Set(
    readFileSync(resolve(__dirname, `../../../../scripts/wordlists/stoplist-${language}.txt`), 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('#'))
      .flatMap((l) => l.split(/\s+/u))
      .filter((w) => w.length > 0),
  );

describe.each(LANGUAGES)('the committed %s wordlist', (language) => {
  const list = WORDLISTS[language];
  const layout = new Set(LAYOUT_LETTERS[language]);

  it('has WORDLIST_SIZE distinct words, a power of two of at least 2048', () => {
    expect(list).toHaveLength(WORDLIST_SIZE);
    expect(new Set(list).size).toBe(list.length);
    expect(Number.isInteger(Math.log2(list.length))).toBe(true);
    expect(list.length).toBeGreaterThanOrEqual(2048);
  });

  it('has only lower-case words of 4–8 letters on the language’s own layout', () => {
    const bad = list.filter((w) => {
      const letters = [...w];
      return (
        letters.length < MIN_WORD_LETTERS ||
        letters.length > MAX_WORD_LETTERS ||
        w !== w.toLowerCase() ||
        letters.some((c) => !layout.has(c))
      );
    });
    expect(bad).toEqual([]);
  });

  it('has none of the letters the other layout has, nor ё, ґ or an apostrophe', () => {
    const foreign = language === 'ru' ? /[іїєґ'’ʼё]/u : /[ыэъёґ'’ʼ]/u;
    expect(list.filter((w) => foreign.test(w))).toEqual([]);
  });

  it('has no stoplisted word', () => {
    const stop = stoplist(language);
    expect(stop.size).toBeGreaterThan(0);
    expect(list.filter((w) => stop.has(w))).toEqual([]);
  });

  it('has no word that is a prefix of another', () => {
    const sorted = [...list].sort();
    const pairs = sorted.flatMap((w, i) => (sorted[i + 1]?.startsWith(w) ? [[w, sorted[i + 1]]] : []));
    expect(pairs).toEqual([]);
  });

  it('makes a suggestion of at least 64 bits, with the word count chosen from the list size', () => {
    const words = wordsForSuggestion(list.length);
    expect(suggestionBits(language, words)).toBeGreaterThanOrEqual(MIN_SUGGESTION_BITS);
    expect(suggestionBits(language, words - 1)).toBeLessThan(MIN_SUGGESTION_BITS);
    expect(suggestPassphrase(language)).toHaveLength(words);
  });

  it('suggests only words of its own list, typed on its own layout', () => {
    for (let i = 0; i < 50; i++) {
      const words = suggestPassphrase(language);
      expect(words.every((w) => list.includes(w))).toBe(true);
      expect([...words.join('')].every((c) => layout.has(c))).toBe(true);
    }
  });
});

describe('suggestions', () => {
  it('default to English (BIP39) when no language is given', () => {
    expect(suggestPassphrase().every((w) => /^[a-z]+$/u.test(w) && WORDLISTS.en.includes(w))).toBe(true);
  });

  it('draw every word of a list about equally often (no modulo bias, no stuck index)', () => {
    // Pearson's chi-square over the 2048 words: for uniform draws it is about df ± sqrt(2·df);
    // a word never drawn, or half the list drawn twice as often, puts it thousands above.
    const hits = new Map<string, number>();
    for (let i = 0; i < 6827; i++)
      for (const w of suggestPassphrase('uk')) hits.set(w, (hits.get(w) ?? 0) + 1);
    const counts = WORDLISTS.uk.map((w) => hits.get(w) ?? 0);
    const expected = counts.reduce((a, b) => a + b, 0) / counts.length;
    const chi2 = counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    const df = counts.length - 1;
    expect(Math.abs(chi2 - df)).toBeLessThan(6 * Math.sqrt(2 * df));
  });
});
