import { CYRILLIC_TO_LATIN } from '../passphrase';

/**
 * Refuses a duress passphrase that a typing slip could produce from the real one (
 * Duress #36 and #13 are false wipes caused by loose matching). Checked once, at set-up, while the
 * real passphrase is in hand: the app never stores either passphrase.
 */

/** Case-folded, NFC, runs of white space as one space, trimmed. */
export function foldForComparison(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The string as it comes out when typed with the keyboard in the other layout. */
export function toLatinLayout(s: string): string {
  return [...s].map((c) => CYRILLIC_TO_LATIN[c] ?? c).join('');
}

/**
 * Unrestricted Damerau–Levenshtein distance (Lowrance–Wagner 1975) over code points: insertions,
 * deletions, substitutions and transpositions of adjacent characters, with edits allowed between
 * transposed characters (so it is never larger than the "optimal string alignment" variant).
 */
export function damerauLevenshtein(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const n = s.length;
  const m = t.length;
  const inf = n + m;
  const lastRow = new Map<string, number>();
  const width = m + 2;
  const d = new Int32Array((n + 2) * width);
  const at = (i: number, j: number): number => i * width + j;
  d[at(0, 0)] = inf;
  for (let i = 0; i <= n; i++) {
    d[at(i + 1, 0)] = inf;
    d[at(i + 1, 1)] = i;
  }
  for (let j = 0; j <= m; j++) {
    d[at(0, j + 1)] = inf;
    d[at(1, j + 1)] = j;
  }
  for (let i = 1; i <= n; i++) {
    let lastMatchCol = 0;
    const si = s[i - 1] ?? '';
    for (let j = 1; j <= m; j++) {
      const tj = t[j - 1] ?? '';
      const i1 = lastRow.get(tj) ?? 0;
      const j1 = lastMatchCol;
      const cost = si === tj ? 0 : 1;
      if (cost === 0) lastMatchCol = j;
      const v = (k: number): number => d[k] ?? inf;
      d[at(i + 1, j + 1)] = Math.min(
        v(at(i, j)) + cost,
        v(at(i + 1, j)) + 1,
        v(at(i, j + 1)) + 1,
        v(at(i1, j1)) + (i - i1 - 1) + 1 + (j - j1 - 1),
      );
    }
    lastRow.set(si, i);
  }
  return d[at(n + 1, m + 1)] ?? inf;
}

export const TYPO_DISTANCE = 2;

export type TooCloseReason = 'edit-distance' | 'contains' | 'keyboard-layout';

/**
 * Why `duress` is too close to `real`, or null when it is far enough. Compared case-insensitively,
 * and also after mapping both to the Latin layout: someone typing the real passphrase with the
 * keyboard left in Russian/Ukrainian must never hit the duress one.
 */
export function duressTooClose(real: string, duress: string): TooCloseReason | null {
  const a = foldForComparison(real);
  const b = foldForComparison(duress);
  if (a.includes(b) || b.includes(a)) return 'contains';
  if (damerauLevenshtein(a, b) <= TYPO_DISTANCE) return 'edit-distance';
  const la = toLatinLayout(a);
  const lb = toLatinLayout(b);
  if (la !== a || lb !== b) {
    if (la.includes(lb) || lb.includes(la) || damerauLevenshtein(la, lb) <= TYPO_DISTANCE)
      return 'keyboard-layout';
  }
  return null;
}
