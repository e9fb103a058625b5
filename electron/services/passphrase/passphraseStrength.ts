import { randomInt } from 'node:crypto';
import { wordlist as englishWords } from '@scure/bip39/wordlists/english.js';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';
import { cyrillicDictionaries } from './cyrillicWords';

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
 * (≈10^7) is refused, 10^8–10^10 warned, and only ≥10^12 is called strong (issue 16 §8).
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
 * zxcvbn-ts (Dropbox's estimator) runs in main so the rule the UI shows is the rule main
 * enforces. The passphrase is also scored with its separators taken out, and the lower estimate
 * counts: «Слава Україні!» is one slogan to a guesser, not two words and two symbols.
 */
export function createPassphraseChecker(): {
  check(passphrase: string, userInputs?: string[]): PassphraseStrength;
  suggest(words?: number): string[];
} {
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary, ...cyrillicDictionaries() },
    graphs: common.adjacencyGraphs,
  });
  return {
    check(passphrase, userInputs = []) {
      const input = passphrase.slice(0, 256);
      const whole = zxcvbn.check(input, userInputs);
      const joined = input.replace(SEPARATORS, '');
      const result =
        joined.length > 0 && joined !== input
          ? [whole, zxcvbn.check(joined, userInputs)].reduce((a, b) =>
              b.guessesLog10 < a.guessesLog10 ? b : a,
            )
          : whole;
      const guessesLog10 = Math.round(result.guessesLog10 * 10) / 10;
      let verdict = verdictOf(result.guessesLog10);
      if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) verdict = 'refused';
      return { score: result.score, verdict, guessesLog10 };
    },
    /** Diceware-style suggestion: 6 words from the 2048-word BIP39 list ≈ 66 bits. */
    suggest(words = 6) {
      return Array.from({ length: words }, () => englishWords[randomInt(englishWords.length)] as string);
    },
  };
}
