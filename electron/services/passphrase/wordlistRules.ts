/**
 * The rules every passphrase wordlist obeys: scripts/wordlists/build.ts applies them when it makes
 * the lists, and tests/unit/services/passphrase/wordlists.test.ts re-checks the committed lists.
 */
export type WordlistLanguage = 'ru' | 'uk';

/**
 * Letters on each language's standard keyboard layout, so a suggestion is typed without switching
 * layout. ru drops «ё» (many people type «е» for it and the phrase would not match) and uk drops
 * «ґ» (absent from the basic Windows Ukrainian layout) and the apostrophe (’, ' and ʼ look alike).
 */
export const LAYOUT_LETTERS: Record<WordlistLanguage, string> = {
  ru: 'абвгдежзийклмнопрстуфхцчшщъыьэюя',
  uk: 'абвгдежзийклмнопрстуфхцчшщьюяєії',
};

/** A power of two, so a uniform index is exactly log2(size) bits. */
export const WORDLIST_SIZE = 2048;
export const MIN_WORD_LETTERS = 4;
export const MAX_WORD_LETTERS = 8;

/** What a suggested passphrase must at least be worth, in bits. */
export const MIN_SUGGESTION_BITS = 64;

/** Enough words of a list of `size` for MIN_SUGGESTION_BITS: 6 for 2048 words (66 bits). */
export function wordsForSuggestion(size: number): number {
  return Math.ceil(MIN_SUGGESTION_BITS / Math.log2(size));
}
