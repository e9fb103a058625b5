/**
 * Size buckets so a file's length says little about its content.
 * ≤ 1 KiB → 1 KiB; ≤ 64 KiB → next power of two; larger → Padmé (Nikitin et al., "Reducing
 * Metadata Leakage from Encrypted Files and Communication with PURBs", PETS 2019 §4): at most
 * ~12 % overhead and O(log log n) bits of length leaked.
 */
export function paddedLength(n: number): number {
  if (n <= 1024) return 1024;
  if (n <= 64 * 1024) return 2 ** Math.ceil(Math.log2(n));
  const e = Math.floor(Math.log2(n));
  const s = Math.floor(Math.log2(e)) + 1;
  const lastBits = e - s;
  const mask = 2 ** lastBits - 1;
  return Math.ceil(n / (mask + 1)) * (mask + 1);
}
