import { CYRILLIC_COMMON_WORDS } from './cyrillicCommonWords';
import { CYRILLIC_PASSWORDS, CYRILLIC_PHRASES } from './cyrillicPasswords';
import { asTypedOnLatinLayout, transliterations } from './cyrillicSpelling';

/**
 * zxcvbn-ts has no Russian or Ukrainian language pack (npm has none for ru/uk), so these lists
 * stand in for one. They are ordered roughly most-guessed first, because zxcvbn charges a word
 * its rank: the words people in Russia and Ukraine put in passwords (names, love, home, slogans,
 * keyboard walks), then the common words of everyday speech in their inflected forms, then whole
 * phrases. Each entry is also added in Latin transliteration and as typed on a Latin keyboard
 * layout ("ghbdtn" is «привет»), since guessing tools try all three.
 */

/** Each list as zxcvbn dictionaries: Cyrillic, transliterated and wrong-layout spellings, deduplicated in rank order. */
export function cyrillicDictionaries(): Record<string, string[]> {
  const expand = (words: string[]): string[] => {
    const out = new Set<string>();
    for (const word of words) out.add(word);
    for (const word of words) for (const spelling of transliterations(word)) out.add(spelling);
    for (const word of words) out.add(asTypedOnLatinLayout(word));
    return [...out].filter((w) => w.length > 0);
  };
  return {
    cyrillicPasswords: expand(CYRILLIC_PASSWORDS),
    cyrillicWords: expand(CYRILLIC_COMMON_WORDS),
    cyrillicPhrases: expand(CYRILLIC_PHRASES),
  };
}
