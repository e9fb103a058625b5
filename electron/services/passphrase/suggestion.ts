import { randomInt } from 'node:crypto';
import { wordlist as englishWords } from '@scure/bip39/wordlists/english.js';
import { wordsForSuggestion } from './wordlistRules';
import { RU_WORDS_TEXT } from './wordlists/ru';
import { UK_WORDS_TEXT } from './wordlists/uk';

/** The languages a suggestion can be in: the UI's. */
export const SUGGESTION_LANGUAGES = ['en', 'ru', 'uk'] as const;
export type SuggestionLanguage = (typeof SUGGESTION_LANGUAGES)[number];

function parse(text: string): readonly string[] {
  return Object.freeze(text.split(/\s+/u).filter((w) => w.length > 0));
}

/**
 * One list a language: English is BIP39's; Russian and Ukrainian are everyday nouns typed on the
 * language's own layout (scripts/wordlists/README.md), so nobody switches layout to type a phrase.
 */
export const WORDLISTS: Readonly<Record<SuggestionLanguage, readonly string[]>> = Object.freeze({
  en: Object.freeze([...englishWords]),
  ru: parse(RU_WORDS_TEXT),
  uk: parse(UK_WORDS_TEXT),
});

/** Bits of a suggestion of `words` words from `language`'s list: words × log2(list size). */
export function suggestionBits(language: SuggestionLanguage, words: number): number {
  return words * Math.log2(WORDLISTS[language].length);
}

/**
 * Diceware-style suggestion: each word uniform over the list (crypto randomInt rejects the biased
 * tail, no modulo bias), as many words as keep it ≥ 64 bits unless fewer are asked for: 6 of 2048
 * words ≈ 66 bits in every language.
 */
export function suggestPassphrase(language: SuggestionLanguage = 'en', words?: number): string[] {
  const list = WORDLISTS[language];
  const count = words ?? wordsForSuggestion(list.length);
  return Array.from({ length: count }, () => list[randomInt(list.length)] as string);
}
