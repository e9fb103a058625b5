import { unarmor } from 'openpgp';
import { pgpError } from './pgpError';

/** Packet tags of secret key material (RFC 9580 §5.5.1.3 Secret-Key, §5.5.1.4 Secret-Subkey). */
const SECRET_KEY_TAGS = new Set([5, 7]);

/**
 * Tags of every top-level packet in `bytes`, by the packet framing alone (RFC 9580 §4.2), so
 * nothing a parser would skip (openpgp's readKey stops at the first key) escapes the scan.
 * Returns null when the framing is broken.
 */
export function packetTags(bytes: Uint8Array): number[] | null {
  const tags: number[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const header = bytes[offset] ?? 0;
    if ((header & 0x80) === 0) return null;
    offset += 1;
    let tag: number;
    let length: number;
    if (header & 0x40) {
      tag = header & 0x3f;
      // New format: one-, two- or five-octet lengths, or partial body lengths (§4.2.1).
      let partial = true;
      length = 0;
      while (partial) {
        const first = bytes[offset];
        if (first === undefined) return null;
        let chunk: number;
        if (first < 192) {
          chunk = first;
          offset += 1;
          partial = false;
        } else if (first < 224) {
          const second = bytes[offset + 1];
          if (second === undefined) return null;
          chunk = ((first - 192) << 8) + second + 192;
          offset += 2;
          partial = false;
        } else if (first === 255) {
          if (offset + 5 > bytes.length) return null;
          chunk =
            ((bytes[offset + 1] ?? 0) * 0x1000000) |
            ((bytes[offset + 2] ?? 0) << 16) |
            ((bytes[offset + 3] ?? 0) << 8) |
            (bytes[offset + 4] ?? 0);
          chunk >>>= 0;
          offset += 5;
          partial = false;
        } else {
          chunk = 1 << (first & 0x1f);
          offset += 1;
        }
        offset += chunk;
        length += chunk;
        if (offset > bytes.length) return null;
      }
    } else {
      tag = (header >> 2) & 0x0f;
      const lengthType = header & 0x03;
      if (lengthType === 3) return null; // indeterminate length: never in keys or signatures
      const size = [1, 2, 4][lengthType] ?? 1;
      if (offset + size > bytes.length) return null;
      length = 0;
      for (let i = 0; i < size; i += 1) length = length * 256 + (bytes[offset + i] ?? 0);
      offset += size + length;
      if (offset > bytes.length) return null;
    }
    tags.push(tag);
  }
  return tags;
}

/**
 * Refuses an armored block that holds secret key packets anywhere, not only as its first key: a
 * card or team key carrying the team's secret would otherwise be stored and re-shared.
 */
export async function assertNoSecretKeyPackets(armored: string): Promise<void> {
  let data: Uint8Array;
  try {
    data = (await unarmor(armored)).data as unknown as Uint8Array;
  } catch {
    throw pgpError('pgp/malformed-armor');
  }
  const tags = packetTags(data);
  if (tags === null) throw pgpError('pgp/malformed-key');
  if (tags.some((tag) => SECRET_KEY_TAGS.has(tag))) throw pgpError('pgp/secret-key-in-public-block');
}
