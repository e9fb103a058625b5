import { readdir, readFile } from 'node:fs/promises';
import { ANCHOR_FILE } from '../../../../electron/services/vault/formatConstants';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PASS, floorVault, tempDir } from './helpers';

/**
 * Uses only the public vault API and the folder's files (whichever header file the build writes),
 * so the same test runs against format 1 as a control: there it fails on the magic and the
 * repeated public prefix.
 */
let ctx: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  ctx = await tempDir();
});
afterEach(async () => {
  await ctx.cleanup();
});

/**
 * Every file at the top of the vault folder that is not the manifest or its rollback anchor (an
 * AEAD-sealed in-place file of its own): the header, however named.
 */
async function headerBytes(vaultDir: string): Promise<Buffer> {
  const names = (await readdir(vaultDir, { withFileTypes: true }))
    .filter(
      (e) => e.isFile() && e.name !== 'manifest.bin' && e.name !== ANCHOR_FILE && !e.name.startsWith('.tmp-'),
    )
    .map((e) => e.name);
  expect(names).toHaveLength(1);
  return readFile(join(vaultDir, names[0] ?? ''));
}

/** Pearson's chi-square of the byte histogram against uniform (255 degrees of freedom). */
function chiSquare(bytes: Buffer): number {
  const counts = new Array<number>(256).fill(0);
  for (const b of bytes) counts[b] = (counts[b] ?? 0) + 1;
  const expected = bytes.length / 256;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

function windows(b: Buffer, size = 8): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + size <= b.length; i++) out.add(b.subarray(i, i + size).toString('hex'));
  return out;
}

describe('header bytes look random to someone without a passphrase', () => {
  it('over 40 header writes and two vaults: uniform bytes (chi-square) and no 8-byte run shared between snapshots', async () => {
    const snapshots: Buffer[] = [];
    for (const name of ['a', 'b']) {
      const v = floorVault(join(ctx.dir, name));
      await v.create(PASS, { withRecoveryCode: true });
      await v.setSlot('duress', 'duress words for the test');
      const dir = join(ctx.dir, name, 'vault');
      snapshots.push(await headerBytes(dir));
      let current = PASS;
      for (let i = 0; i < 20; i++) {
        const next = `${PASS} ${name}${i}`;
        await v.changePassphrase(current, next);
        current = next;
        snapshots.push(await headerBytes(dir));
      }
      await v.lock();
    }
    const all = Buffer.concat(snapshots);
    // 255 df: mean 255, sd 22.6; 400 is over 6 sd, a false alarm about once in 10^9 runs.
    // Format 1 (magic, zero flags, fixed params and salt, unchanged slots in every snapshot) is in the thousands.
    expect(chiSquare(all)).toBeLessThan(400);
    // A run of 8 bytes repeated between any two snapshots (or the two halves of one) is a pattern a
    // carver could search for: random data repeats one with probability ~ n² / 2^64.
    for (const snap of snapshots) {
      const half = snap.length / 2;
      const a = windows(snap.subarray(0, half));
      const shared = [...windows(snap.subarray(half))].filter((w) => a.has(w));
      expect(shared, 'the two halves of one header share a run').toEqual([]);
    }
    const seen = new Map<string, number>();
    snapshots.forEach((snap, s) => {
      for (const w of windows(snap)) {
        const first = seen.get(w);
        expect(first === undefined || first === s, `8-byte run ${w} repeats across snapshots`).toBe(true);
        seen.set(w, s);
      }
    });
  }, 180_000);
});
