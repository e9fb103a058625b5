/**
 * Builds the Russian and Ukrainian passphrase wordlists (electron/services/passphrase/wordlists/*.ts).
 * Development only: run by hand when the sources or the rules change, never shipped or run in CI.
 * The sources, their versions and licences are in scripts/wordlists/README.md; the rules this
 * script applies are re-checked on the committed lists by tests/unit/services/passphrase/wordlists.test.ts.
 *
 *   npx tsx scripts/wordlists/build.ts <sources-dir>
 *
 * <sources-dir> holds {ru,uk}_{2016,2018}_50k.txt (word frequency lines "word count"),
 * russian_nouns.txt (one noun per line) and ru_RU.{aff,dic}, uk_UA.{aff,dic} (hunspell); where
 * each comes from is in scripts/wordlists/README.md.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  LAYOUT_LETTERS,
  WORDLIST_SIZE,
  type WordlistLanguage,
} from '../../electron/services/passphrase/wordlistRules';
import { NOUN_ENDINGS, isNounForms, readHunspell, type Hunspell } from './hunspell';

const OUT_DIR = resolve(import.meta.dirname, '../../electron/services/passphrase/wordlists');
const WORDS_PER_LINE = 12;
/** Both OpenSubtitles releases of the frequency lists: the Ukrainian corpus is small, two give more nouns. */
const SUBTITLE_YEARS = ['2016', '2018'];

function lines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.length > 0 && !l.startsWith('#'));
}

/** How often each word form occurs in the given lists, summed (their lines are "word count"). */
function frequencies(paths: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const path of paths) {
    for (const l of lines(path)) {
      const [word = '', count = '0'] = l.split(/\s+/u);
      counts.set(word, (counts.get(word) ?? 0) + Number(count));
    }
  }
  return counts;
}

function stoplist(language: WordlistLanguage): Set<string> {
  return new Set(
    lines(resolve(import.meta.dirname, `stoplist-${language}.txt`)).flatMap((l) => l.split(/\s+/u)),
  );
}

/**
 * Noun stems with their inflected forms, spelled the standard way (a lower-case stem of the
 * hunspell dictionary). Nouns that are also given names («вера», «роман», «надія») are in the
 * stoplists: a name in a passphrase reads as a hint about its owner. (Dropping every stem with a
 * capitalised twin in hunspell would also drop «берег», «вікно», «весна»: they are surnames there.)
 */
function nounStems(
  language: WordlistLanguage,
  dict: Hunspell,
  nouns: Set<string> | null,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const stem of dict.stems) {
    if (!shapeOk(language, stem)) continue;
    if (nouns !== null && !nouns.has(stem)) continue;
    const forms = dict.forms(stem).filter((f) => f !== stem);
    if (isNounForms(stem, forms, NOUN_ENDINGS[language])) out.set(stem, [...new Set(forms)]);
  }
  return out;
}

/**
 * Ranked by how often the noun's *other* forms occur, each form counted only when no other word
 * of the dictionary (of any part of speech) has it. The nominative's own count, or a shared form,
 * would rank homographs by their common reading: «треба» (a rare noun, "sacrifice") would come
 * first for the predicate "must", «зараза» for the adverb «зараз» that is also its genitive plural.
 * A stem that is itself a form of another noun («стола» of «стол», «парня» of «парень») is
 * dropped, since people would read it as that form.
 */
function ranked(dict: Hunspell, stems: Map<string, string[]>, counts: Map<string, number>): string[] {
  const producers = dict.producers(new Set([...counts.keys(), ...stems.keys()]));
  const nounForms = new Set([...stems.values()].flat());
  const scores: [string, number][] = [];
  const rest: [string, number][] = [];
  for (const [stem, forms] of stems) {
    if (nounForms.has(stem)) continue;
    const score = forms.reduce(
      (sum, f) => sum + ((producers.get(f) ?? 0) === 1 ? (counts.get(f) ?? 0) : 0),
      0,
    );
    if (score > 0) scores.push([stem, score]);
    else if ((counts.get(stem) ?? 0) > 0) rest.push([stem, counts.get(stem) ?? 0]);
  }
  // Nouns seen only in the nominative come after all the others: the small Ukrainian corpus
  // needs some of them to reach WORDLIST_SIZE, and the stoplist review covers the homographs.
  const order = (list: [string, number][]): string[] =>
    list.sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).map(([stem]) => stem);
  return [...order(scores), ...order(rest)];
}

function shapeOk(language: WordlistLanguage, word: string): boolean {
  const letters = [...word];
  return (
    letters.length >= 4 && letters.length <= 8 && letters.every((c) => LAYOUT_LETTERS[language].includes(c))
  );
}

/** Most frequent first; a word that is a prefix of a chosen one (or has one as prefix) is skipped. */
function choose(candidates: string[]): string[] {
  const chosen: string[] = [];
  const seen = new Set<string>();
  for (const word of candidates) {
    if (chosen.length === WORDLIST_SIZE) break;
    if (seen.has(word)) continue;
    seen.add(word);
    if (chosen.some((c) => c.startsWith(word) || word.startsWith(c))) continue;
    chosen.push(word);
  }
  if (chosen.length < WORDLIST_SIZE) throw new Error(`only ${chosen.length} words qualify`);
  return chosen;
}

function moduleText(language: WordlistLanguage, words: string[]): string {
  const rows: string[] = [];
  for (let i = 0; i < words.length; i += WORDS_PER_LINE)
    rows.push(words.slice(i, i + WORDS_PER_LINE).join(' '));
  return [
    '// Generated by scripts/wordlists/build.ts — do not edit; change the sources or rules and rebuild.',
    '// Words from hermitdave/FrequencyWords (CC BY-SA 4.0), see scripts/wordlists/README.md.',
    `export const ${language.toUpperCase()}_WORDS_TEXT = \``,
    ...rows,
    '`;',
    '',
  ].join('\n');
}

function build(language: WordlistLanguage, dir: string): void {
  const dict = readHunspell(join(dir, language === 'ru' ? 'ru_RU' : 'uk_UA'));
  // The Russian list names nouns outright; for Ukrainian the inflected forms decide alone.
  const nouns = language === 'ru' ? new Set(lines(join(dir, 'russian_nouns.txt'))) : null;
  const stop = stoplist(language);
  const candidates = ranked(
    dict,
    nounStems(language, dict, nouns),
    frequencies(SUBTITLE_YEARS.map((y) => join(dir, `${language}_${y}_50k.txt`))),
  );
  const words = choose(candidates.filter((w) => !stop.has(w)));
  writeFileSync(join(OUT_DIR, `${language}.ts`), moduleText(language, words));
  console.log(`${language}: ${words.length} words from ${candidates.length} candidates`);
}

const dir = process.argv[2];
if (!dir) throw new Error('usage: tsx scripts/wordlists/build.ts <sources-dir>');
build('ru', dir);
build('uk', dir);
