import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { allFiles } from './helpers';

/** Byte-level checks for backup files (backupV2.test.ts), read from the document, not the code. */

/** Every file of a vault folder with its SHA-256: "unchanged" means this map is equal. */
export async function folderState(root: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await allFiles(root))
    out[f.slice(root.length)] = createHash('sha256')
      .update(await readFile(f))
      .digest('hex');
  return out;
}

export function windows(b: Buffer, size = 8): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + size <= b.length; i++) out.add(b.subarray(i, i + size).toString('hex'));
  return out;
}

/** Pearson's chi-square of the byte histogram against uniform (255 degrees of freedom). */
export function chiSquare(bytes: Buffer): number {
  const counts = new Array<number>(256).fill(0);
  for (const b of bytes) counts[b] = (counts[b] ?? 0) + 1;
  const expected = bytes.length / 256;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

/** The documented preamble read independently: salt and Argon2id parameters under SHAKE256(N). */
export function unmaskPreamble(file: Buffer): { salt: Buffer; m: number; t: number; p: number } {
  const lp = (b: Uint8Array): Buffer => {
    const l = Buffer.alloc(4);
    l.writeUInt32BE(b.length);
    return Buffer.concat([l, b]);
  };
  const mask = createHash('shake256', { outputLength: 28 })
    .update(Buffer.concat([lp(Buffer.from('tikho/v2/backup-mask')), lp(file.subarray(0, 32))]))
    .digest();
  const plain = Buffer.from(file.subarray(32, 60));
  for (let i = 0; i < plain.length; i++) plain[i] = (plain[i] ?? 0) ^ (mask[i] ?? 0);
  return {
    salt: plain.subarray(0, 16),
    m: plain.readUInt32BE(16),
    t: plain.readUInt32BE(20),
    p: plain.readUInt32BE(24),
  };
}
