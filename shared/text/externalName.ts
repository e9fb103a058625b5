/**
 * Names that come from outside — team names on cards, file names, help contacts — may carry
 * characters a person cannot see: bidirectional controls that reorder what follows
 * (`Help\u202Eksed Team` shows as "Help Team desk"), zero-width characters that make two names
 * differ invisibly, fillers that look like spaces. They are shown as a visible mark instead, and
 * each name is isolated so it cannot move the words, numbers or fingerprint beside it.
 */

/**
 * Format and control characters (bidi controls, zero-width characters, soft hyphen, tags, BOM),
 * line and paragraph separators, everything Unicode lists as Default_Ignorable (Hangul fillers,
 * variation selectors, U+034F …) and the blank Braille pattern that renders as a space.
 */
export const HIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}\u2800]/gu;

/** What a hidden character is shown as: the replacement character people know as "something odd here". */
export const HIDDEN_MARK = '\uFFFD';

const FSI = '\u2068';
const PDI = '\u2069';

export interface RevealedName {
  /** The name with every hidden character replaced by HIDDEN_MARK. */
  text: string;
  /** How many hidden characters there were. */
  hidden: number;
  /** A word mixes Latin, Cyrillic or Greek letters, as look-alike names do («Неlp»). */
  mixedScripts: boolean;
}

export function revealName(raw: string): RevealedName {
  let hidden = 0;
  const text = raw.replace(HIDDEN_CHARACTERS, () => {
    hidden += 1;
    return HIDDEN_MARK;
  });
  return { text, hidden, mixedScripts: mixesScripts(raw) };
}

const SCRIPTS = [/\p{Script=Latin}/u, /\p{Script=Cyrillic}/u, /\p{Script=Greek}/u];

/** A word whose letters come from two of the scripts whose capitals look the same. */
export function mixesScripts(raw: string): boolean {
  const words = raw.replace(HIDDEN_CHARACTERS, '').split(/[^\p{L}\p{M}]+/u);
  return words.some((word) => SCRIPTS.filter((script) => script.test(word)).length > 1);
}

/** Unicode's default right-to-left ranges (DerivedBidiClass.txt: R, AL and Arabic digits). */
const RIGHT_TO_LEFT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFE\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

/**
 * For a name inside a translated sentence: hidden characters marked, and a name with
 * right-to-left letters wrapped in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE (what <bdi>
 * does for an element) so it cannot reorder the sentence around it. Once its controls are
 * marked, a name with no right-to-left letter cannot move anything in en/ru/uk sentences, which
 * are all left-to-right, so it is left without invisible isolates that would surprise copy-paste.
 */
export function isolatedName(raw: string): string {
  const { text } = revealName(raw);
  return RIGHT_TO_LEFT.test(text) ? `${FSI}${text}${PDI}` : text;
}
