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
 * A folder with a lazily filled per-code-unit table (0 = not computed yet): building all 65 536
 * entries up front costs ~150 ms of unlock; text uses a few hundred distinct units.
 */
export function createFolder(): (text: string) => string {
  const table = new Uint16Array(0x10000);
  return (text: string): string => {
    const n = text.length;
    if (n === 0) return '';
    const out = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      let f = table[c] ?? 0;
      if (f === 0) {
        // Surrogates fold to themselves: astral characters are never case-mapped here.
        f = c >= 0xd800 && c <= 0xdfff ? c : foldUnit(String.fromCharCode(c)).charCodeAt(0);
        table[c] = f;
      }
      out[i] = f;
    }
    // Decode in slices: String.fromCharCode with a huge argument list overflows the stack.
    let s = '';
    for (let i = 0; i < n; i += 8192) s += String.fromCharCode(...out.subarray(i, i + 8192));
    return s;
  };
}

/** Convenience for one-off folding (tests, docs); services keep one folder per index. */
export function foldForSearch(text: string): string {
  return createFolder()(text);
}
