import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { cyrillicDictionaries } from './cyrillicWords';
import { WORDLISTS, suggestPassphrase, type SuggestionLanguage } from './suggestion';

export type PassphraseVerdict = 'refused' | 'weak' | 'good' | 'strong';

export interface PassphraseStrength {
  score: 0 | 1 | 2 | 3 | 4;
  verdict: PassphraseVerdict;
  /** log10 of the estimated guesses: lets the UI say "centuries" without trusting zxcvbn's English text. */
  guessesLog10: number;
}

/** Short passphrases are refused regardless of score: Argon2id slows guessing, it cannot save "1234". */
export const MIN_PASSPHRASE_LENGTH = 8;

/**
 * Verdicts by estimated guesses, not zxcvbn's score: its score 3 starts at 10^8 guesses, which
 * a seized laptop's Argon2id header survives only against a small attacker, so "Summer2024!"
 * (≈10^7) is refused, 10^8–10^10 warned, and only ≥10^12 is called strong.
 */
const REFUSED_BELOW = 8;
const GOOD_FROM = 10;
const STRONG_FROM = 12;

/** Separators people put between the words of a phrase they know by heart. */
const SEPARATORS = /[\s\p{P}\p{S}]+/gu;

function verdictOf(guessesLog10: number): PassphraseVerdict {
  if (guessesLog10 < REFUSED_BELOW) return 'refused';
  if (guessesLog10 < GOOD_FROM) return 'weak';
  if (guessesLog10 < STRONG_FROM) return 'good';
  return 'strong';
}

/**
 * The most of a passphrase the estimate reads, in characters. zxcvbn's matching grows faster than
 * the length (every substring is looked up), so a 1 024-character paste cost seconds. Rating the
 * first 256 characters loses no protection: to guess the whole, a guesser must also guess those,
 * so the whole costs at least what they cost, and a start rated strong already means ≥ 10^12.
 */
export const MAX_ANALYSED_CHARS = 256;

/** One zxcvbn answer: all that crosses back from the worker thread. */
export interface RawEstimate {
  score: 0 | 1 | 2 | 3 | 4;
  guessesLog10: number;
}

/** What zxcvbn is asked for one passphrase: the analysed part, and it without separators if that differs. */
export function estimateInputs(passphrase: string): string[] {
  const input = [...passphrase].slice(0, MAX_ANALYSED_CHARS).join('');
  const joined = input.replace(SEPARATORS, '');
  return joined.length > 0 && joined !== input ? [input, joined] : [input];
}

/**
 * The verdict from zxcvbn's answers to estimateInputs(): the lower estimate counts, since
 * «Слава Україні!» is one slogan to a guesser, not two words and two symbols.
 */
export function strengthFrom(passphrase: string, estimates: RawEstimate[]): PassphraseStrength {
  const result = estimates.reduce((a, b) => (b.guessesLog10 < a.guessesLog10 ? b : a));
  const guessesLog10 = Math.round(result.guessesLog10 * 10) / 10;
  let verdict = verdictOf(result.guessesLog10);
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) verdict = 'refused';
  return { score: result.score, verdict, guessesLog10 };
}

/**
 * The dictionaries zxcvbn-ts is built with, here and in the worker (strengthWorkerSource.ts).
 * The suggestion wordlists are among them: a guesser who knows Tikho tries its lists first, so
 * the meter rates a suggested phrase as list words (rank ≤ 2048 each), never as random letters.
 */
export function extraDictionaries(): Record<string, string[]> {
  return {
    ...cyrillicDictionaries(),
    tikhoSuggestEn: [...WORDLISTS.en],
    tikhoSuggestRu: [...WORDLISTS.ru],
    tikhoSuggestUk: [...WORDLISTS.uk],
  };
}

/** zxcvbn-ts on the calling thread: the worker's fallback, and the reference its answers are tested against. */
export function createInlineEstimator(): (inputs: string[], userInputs: string[]) => RawEstimate[] {
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary, ...extraDictionaries() },
    graphs: common.adjacencyGraphs,
  });
  return (inputs, userInputs) =>
    inputs.map((input) => {
      const r = zxcvbn.check(input, userInputs);
      return { score: r.score, guessesLog10: r.guessesLog10 };
    });
}

/**
 * zxcvbn-ts (Dropbox's estimator) runs in main so the rule the UI shows is the rule main
 * enforces. This one runs on the calling thread; the app uses strengthChecker.ts, which runs
 * the same steps on a worker thread so a long paste never stalls the main process.
 */
export function createPassphraseChecker(): {
  check(passphrase: string, userInputs?: string[]): PassphraseStrength;
  suggest(language?: SuggestionLanguage, words?: number): string[];
} {
  const estimate = createInlineEstimator();
  return {
    check: (passphrase, userInputs = []) =>
      strengthFrom(passphrase, estimate(estimateInputs(passphrase), userInputs)),
    suggest: suggestPassphrase,
  };
}
