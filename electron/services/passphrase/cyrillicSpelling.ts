import { CYRILLIC_TO_LATIN } from './keyboardLayout';

/** The Latin spellings guessing tools try for a Cyrillic word. */
const TRANSLIT: Record<string, string[]> = {
  а: ['a'],
  б: ['b'],
  в: ['v'],
  г: ['g', 'h'],
  ґ: ['g'],
  д: ['d'],
  е: ['e'],
  ё: ['e', 'yo'],
  є: ['ye', 'ie', 'e'],
  ж: ['zh', 'j'],
  з: ['z'],
  и: ['i', 'y'],
  і: ['i'],
  ї: ['yi', 'i'],
  й: ['y', 'i', 'j'],
  к: ['k'],
  л: ['l'],
  м: ['m'],
  н: ['n'],
  о: ['o'],
  п: ['p'],
  р: ['r'],
  с: ['s'],
  т: ['t'],
  у: ['u'],
  ф: ['f'],
  х: ['h', 'kh', 'x'],
  ц: ['ts', 'c'],
  ч: ['ch'],
  ш: ['sh'],
  щ: ['sch', 'shch'],
  ъ: [''],
  ы: ['y', 'i'],
  ь: [''],
  э: ['e'],
  ю: ['yu', 'iu', 'u'],
  я: ['ya', 'ia', 'a'],
  '’': [''],
  "'": [''],
};

/** Caps the spellings per word: a long word with many two-way letters must not explode. */
const MAX_SPELLINGS = 8;

export function transliterations(word: string): string[] {
  let spellings = [''];
  for (const ch of word) {
    const options = TRANSLIT[ch] ?? [ch];
    spellings = spellings
      .flatMap((prefix) => options.map((option) => prefix + option))
      .slice(0, MAX_SPELLINGS);
  }
  return spellings;
}

export function asTypedOnLatinLayout(word: string): string {
  return [...word].map((ch) => CYRILLIC_TO_LATIN[ch] ?? ch).join('');
}
