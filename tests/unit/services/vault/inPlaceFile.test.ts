import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chooseCopy,
  createInPlaceFile,
  openSealedCopy,
  overwriteCopy,
  readInPlaceCopies,
  sealCopy,
  sealedCopyBytes,
  wipeInPlaceFile,
  type CopyIndex,
  type InPlaceFs,
} from '../../../../electron/services/vault/inPlaceFile';
import { tempDir } from './helpers';
import { syncFolder } from '../../../../electron/services/common';

const nodeFs: InPlaceFs = {
  open: fsp.open,
  rename: (a, b) => fsp.rename(a, b),
  unlink: (p) => fsp.unlink(p),
};
const KEY = randomBytes(32);
const PAYLOAD = 40;
const COPY = sealedCopyBytes(PAYLOAD);

function opener(key: Buffer) {
  return (bytes: Uint8Array, index: CopyIndex) => openSealedCopy(key, 'test', index, bytes);
}

async function commit(path: string, generation: bigint, payload: Buffer): Promise<CopyIndex> {
  const copies = await readInPlaceCopies(nodeFs, path, COPY);
  if (!copies) throw new Error('no file');
  const { next } = chooseCopy(copies, opener(KEY));
  await overwriteCopy(nodeFs, path, COPY, next, sealCopy(KEY, 'test', next, generation, payload));
  return next;
}

describe('in-place A/B file', () => {
  let dir = '';
  let cleanup: () => Promise<void> = () => Promise.resolve();
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it('keeps one inode and one size across many commits, alternating copies, newest wins', async () => {
    const path = join(dir, 'epoch.bin');
    const first = Buffer.alloc(PAYLOAD, 1);
    await createInPlaceFile(nodeFs, path, COPY, sealCopy(KEY, 'test', 0, 1n, first));
    const { ino, size } = await fsp.stat(path);
    expect(size).toBe(2 * COPY);
    const used: CopyIndex[] = [];
    for (let g = 2n; g <= 6n; g++) used.push(await commit(path, g, Buffer.alloc(PAYLOAD, Number(g))));
    expect(used).toEqual([1, 0, 1, 0, 1]);
    const after = await fsp.stat(path);
    expect([after.ino, after.size]).toEqual([ino, size]);
    const copies = await readInPlaceCopies(nodeFs, path, COPY);
    const { current } = chooseCopy(copies ?? [Buffer.alloc(0), Buffer.alloc(0)], opener(KEY));
    expect(current?.generation).toBe(6n);
    expect(current?.value.equals(Buffer.alloc(PAYLOAD, 6))).toBe(true);
    expect((await fsp.readdir(dir)).sort()).toEqual(['epoch.bin']);
  });

  it('a torn write of the next copy leaves the newest one readable', async () => {
    const path = join(dir, 'epoch.bin');
    await createInPlaceFile(nodeFs, path, COPY, sealCopy(KEY, 'test', 0, 1n, Buffer.alloc(PAYLOAD, 1)));
    await commit(path, 2n, Buffer.alloc(PAYLOAD, 2)); // into B
    // A crash half-way through the next write (into A): its first half is new, its second half old.
    const torn = sealCopy(KEY, 'test', 0, 3n, Buffer.alloc(PAYLOAD, 3));
    const h = await fsp.open(path, 'r+');
    await h.write(torn, 0, COPY / 2, 0);
    await h.close();
    const copies = await readInPlaceCopies(nodeFs, path, COPY);
    const { current, next } = chooseCopy(copies ?? [Buffer.alloc(0), Buffer.alloc(0)], opener(KEY));
    expect(current?.generation).toBe(2n);
    expect(current?.index).toBe(1);
    expect(next).toBe(0);
  });

  it('copies are bound to their key, label and position; the wrong key opens neither', () => {
    const sealed = sealCopy(KEY, 'test', 0, 9n, Buffer.alloc(PAYLOAD, 7));
    expect(openSealedCopy(KEY, 'test', 0, sealed)?.generation).toBe(9n);
    expect(openSealedCopy(KEY, 'test', 1, sealed)).toBeNull();
    expect(openSealedCopy(KEY, 'other', 0, sealed)).toBeNull();
    expect(openSealedCopy(randomBytes(32), 'test', 0, sealed)).toBeNull();
    const none = chooseCopy([sealed, sealed], opener(randomBytes(32)));
    expect(none).toEqual({ current: null, next: 0 });
  });

  it('a file of the wrong size or a missing one reads as null', async () => {
    const path = join(dir, 'x.bin');
    expect(await readInPlaceCopies(nodeFs, path, COPY)).toBeNull();
    await fsp.writeFile(path, randomBytes(2 * COPY - 1));
    expect(await readInPlaceCopies(nodeFs, path, COPY)).toBeNull();
    await expect(overwriteCopy(nodeFs, path, COPY, 0, randomBytes(COPY))).rejects.toThrow(RangeError);
  });

  it('wipe overwrites the inode itself before unlinking (a hard link still sees the inode)', async () => {
    const path = join(dir, 'epoch.bin');
    await createInPlaceFile(nodeFs, path, COPY, sealCopy(KEY, 'test', 0, 1n, Buffer.alloc(PAYLOAD, 1)));
    const before = await fsp.readFile(path);
    const witness = join(dir, 'witness');
    await fsp.link(path, witness);
    await wipeInPlaceFile(nodeFs, path);
    await expect(fsp.stat(path)).rejects.toThrow();
    const seen = await fsp.readFile(witness);
    expect(seen.length).toBe(before.length);
    // Not one 16-byte window of the old bytes survives in the inode.
    for (let i = 0; i + 16 <= before.length; i += 16) {
      expect(seen.includes(before.subarray(i, i + 16))).toBe(false);
    }
    await wipeInPlaceFile(nodeFs, path); // missing: no error
  });

  it('overwrites in place: a hard link taken before a commit sees the new bytes', async () => {
    const path = join(dir, 'epoch.bin');
    await createInPlaceFile(nodeFs, path, COPY, sealCopy(KEY, 'test', 0, 1n, Buffer.alloc(PAYLOAD, 1)));
    const witness = join(dir, 'witness');
    await fsp.link(path, witness);
    await commit(path, 2n, Buffer.alloc(PAYLOAD, 2));
    expect((await fsp.readFile(witness)).equals(await fsp.readFile(path))).toBe(true);
    const copies = await readInPlaceCopies(nodeFs, witness, COPY);
    expect(chooseCopy(copies ?? [Buffer.alloc(0), Buffer.alloc(0)], opener(KEY)).current?.generation).toBe(
      2n,
    );
  });

  it('does not open a folder on Windows (EPERM there), does on POSIX', async () => {
    const opened: string[] = [];
    const spy = {
      open: (async (p: string, flags: string) => {
        opened.push(p);
        return fsp.open(p, flags);
      }) as InPlaceFs['open'],
    };
    await syncFolder(spy, dir, 'win32');
    expect(opened).toEqual([]);
    await syncFolder(spy, dir, 'linux');
    expect(opened).toEqual([dir]);
  });
});
