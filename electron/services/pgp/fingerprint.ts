/** v4 fingerprints are 40 hex digits (RFC 4880 §12.2); shown upper-case in ten groups of four. */
export function normalizeFingerprint(input: string): string {
  // As people copy it from a website or type it: spaced, with colons or dashes, or with 0x.
  return input
    .replace(/[\s:-]/g, '')
    .toUpperCase()
    .replace(/^0X/, '');
}

export function fingerprintGroups(fingerprint: string): string[] {
  const clean = normalizeFingerprint(fingerprint);
  const groups: string[] = [];
  for (let i = 0; i < clean.length; i += 4) groups.push(clean.slice(i, i + 4));
  return groups;
}
