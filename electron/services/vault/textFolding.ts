/**
 * Search folding, one UTF-16 unit in → one unit out, so a match range in the folded text is the
 * same range in the original (for highlighting). Rule (docs/vault-format.md §Search folding):
 *  - lower-case with the locale-independent Unicode mapping (String#toLowerCase, not toLocale…),
 *    so Turkish İ/I do not change behaviour with the OS locale;
 *  - Russian/Ukrainian: ё, є → е; і, ї → и; ґ → г. й, ы, э, ъ, ь stay distinct letters;
 *  - Latin: diacritics stripped (é → e, ł → l, ø → o) by NFD and dropping combining marks,
 *    applied only to Latin script so Cyrillic й is not turned into и.
 */
const CYRILLIC_FOLDS: Record<string, string> = {
  ё: 'е',
  є: 'е',
  і: 'и',
  ї: 'и',
  ґ: 'г',
};
const LATIN_EXTRAS: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ħ: 'h', ı: 'i', ŀ: 'l' };

function foldUnit(unit: string): string {
  let lower = unit.toLowerCase();
  if (lower.length !== 1) lower = lower.normalize('NFD').charAt(0); // İ → "i̇" → i
  const cyr = CYRILLIC_FOLDS[lower];
  if (cyr) return cyr;
  const code = lower.charCodeAt(0);
  // Latin-1 Supplement, Latin Extended-A/B, Latin Extended Additional.
  if ((code >= 0x00c0 && code <= 0x024f) || (code >= 0x1e00 && code <= 0x1eff)) {
    const extra = LATIN_EXTRAS[lower];
    if (extra) return extra;
    const base = lower.normalize('NFD').charAt(0);
    return base.length === 1 ? base : lower;
  }
  return lower;
}

/**
 * Units whose fold is not simply String#toLowerCase of the whole text: the Cyrillic and Latin
 * folds, ς (whole-text lower-casing turns a word-final Σ into ς, per-unit folding into σ) and
 * surrogates (whole-text lower-casing maps astral letters, per-unit folding leaves them).
 */
// No `u` flag: it makes V8's scan ~3× slower, and lone surrogate units are exactly what we match.
const NEEDS_TABLE = /[ёєіїґς\u00c0-\u024f\u1e00-\u1eff\ud800-\udfff]/g;

/**
 * A folder with a lazily filled per-code-unit table (0 = not computed yet): building all 65 536
 * entries up front costs ~150 ms; text uses a few hundred distinct units. Fast path: the engine's
 * native whole-string toLowerCase, then the table only for the few units in NEEDS_TABLE (the
 * per-unit loop alone cost ~100 ms per 10 000 notes of 2 KB). When lower-casing changes the length
 * (İ → i + U+0307) the per-unit loop runs, so the result is always the one-unit-per-unit fold.
 */
export function createFolder(): (text: string) => string {
  const table = new Uint16Array(0x10000);
  const unit = (c: number): number => {
    let f = table[c] ?? 0;
    if (f === 0) {
      // Surrogates fold to themselves: astral characters are never case-mapped here.
      f = c >= 0xd800 && c <= 0xdfff ? c : foldUnit(String.fromCharCode(c)).charCodeAt(0);
      table[c] = f;
    }
    return f;
  };
  const perUnit = (text: string): string => {
    const n = text.length;
    const out = new Uint16Array(n);
    for (let i = 0; i < n; i++) out[i] = unit(text.charCodeAt(i));
    // Decode in slices: String.fromCharCode with a huge argument list overflows the stack.
    let s = '';
    for (let i = 0; i < n; i += 8192) s += String.fromCharCode(...out.subarray(i, i + 8192));
    return s;
  };
  return (text: string): string => {
    if (text.length === 0) return '';
    const lower = text.toLowerCase();
    if (lower.length !== text.length) return perUnit(text);
    return lower.replace(NEEDS_TABLE, (_match: string, offset: number) =>
      String.fromCharCode(unit(text.charCodeAt(offset))),
    );
  };
}

/** Convenience for one-off folding (tests, docs); services keep one folder per index. */
export function foldForSearch(text: string): string {
  return createFolder()(text);
}
