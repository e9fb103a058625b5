import { createCipheriv, createHash, hkdfSync } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTikhoError } from '../../../../shared/errors';
import { createHeaderFile } from '../../../../electron/services/vault/headerFile';
import {
  HEADER_COPY_BYTES,
  deriveHeaderKey,
  encodeCopy,
  openCopyBody,
  unmaskCopy,
  type CopyCandidate,
} from '../../../../electron/services/vault/headerV2';
import type { KdfParams } from '../../../../electron/services/vault/kdfParams';
import { deriveKek } from '../../../../electron/services/vault/keyDerivation';
import { openSlots, sealSlot, slotBinding } from '../../../../electron/services/vault/vaultHeader';
import { FLOOR_KDF, PASS, floorVault, tempDir } from './helpers';
import { COPY_BYTES, NONCE, headerMask } from './headerTools';
import { nodeFileSystem, type FileSystem } from '../../../../electron/services/common';

/** Printed in docs/vault-format.md §Test vectors (version 2); this test checks both. */
const V2 = {
  headerKey: '3034f32aa43f68c0904b93b44113b8498c330285de0054f5e0833ab7e2c47e97',
  slot2:
    '333333333333333333333333fa710e87404d4238dc9f4bdac768de8bb58dbfbfefda814adce32571fb45c5f8336ea83f69d9ed759b0fb76fb18222c4b324796f',
  copySha256: 'f49797fdaccc96da05c764f7f13cab046da6dabe44ef9bd7702412893e241c56',
  bodyTag: '9f4625b8a8aa49bf8fe748e5c3205adf',
};
const KEK = Buffer.from('ccada754b180fe617f801d298dcfd10678e12ab33d09eff0a4b1ed2e7b318b03', 'hex');
const master = Buffer.alloc(32, 0x11);
const vaultId = Buffer.alloc(16, 0x22);
const salt = Buffer.from('tikhovectorsalt!', 'ascii');
const kdf: KdfParams = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const filler = (i: number): Buffer =>
  createHash('shake256', { outputLength: 64 }).update(`tikho-header-vector/${i}`).digest();

function vectorSlots(): Buffer[] {
  const slots = [0, 1, 2, 3].map(filler);
  slots[2] = sealSlot(KEK, slotBinding({ vaultId, kdf, salt }), 2, 'primary', master, Buffer.alloc(12, 0x33));
  return slots;
}

function lp(b: Uint8Array | string): Buffer {
  const bytes = typeof b === 'string' ? Buffer.from(b, 'utf8') : Buffer.from(b);
  const l = Buffer.alloc(4);
  l.writeUInt32BE(bytes.length);
  return Buffer.concat([l, bytes]);
}

/** The vector copy built from the document with raw node:crypto, not with headerV2.ts. */
function independentCopy(): Buffer {
  const headerKey = Buffer.from(
    hkdfSync('sha256', master, Buffer.alloc(0), Buffer.concat([lp('tikho/v2/header'), lp(vaultId)]), 32),
  );
  expect(headerKey.toString('hex')).toBe(V2.headerKey);
  const plainBlock = Buffer.alloc(300);
  vaultId.copy(plainBlock, 0);
  salt.copy(plainBlock, 16);
  plainBlock.writeUInt32BE(kdf.memoryKiB, 32);
  plainBlock.writeUInt32BE(kdf.iterations, 36);
  plainBlock.writeUInt32BE(kdf.parallelism, 40);
  vectorSlots().forEach((s, i) => s.copy(plainBlock, 44 + 64 * i));
  const copyNonce = Buffer.alloc(32, 0x44);
  const mask = headerMask(copyNonce);
  const front = Buffer.concat([copyNonce, Buffer.from(plainBlock.map((b, i) => b ^ (mask[i] ?? 0)))]);
  const body = Buffer.alloc(48);
  body.writeUInt16BE(2, 0);
  body.writeBigUInt64BE(2n, 4);
  body.writeBigUInt64BE(7n, 12);
  const bodyNonce = Buffer.alloc(12, 0x55);
  const c = createCipheriv('aes-256-gcm', headerKey, bodyNonce);
  c.setAAD(Buffer.concat([lp('tikho/v2/header-body'), Buffer.from([1]), front]));
  const ct = Buffer.concat([c.update(body), c.final()]);
  return Buffer.concat([front, bodyNonce, ct, c.getAuthTag()]);
}

let ctx: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  ctx = await tempDir();
});
afterEach(async () => {
  await ctx.cleanup();
});

describe('format 2 header: vectors', () => {
  it('encodes the documented copy, which an independent implementation of the document reproduces', () => {
    const slots = vectorSlots();
    expect(slots[2]?.toString('hex')).toBe(V2.slot2);
    const headerKey = deriveHeaderKey(master, vaultId);
    expect(headerKey.toString('hex')).toBe(V2.headerKey);
    const state = { vaultId, kdf, salt, slots, generation: 2n, manifestGeneration: 7n, flags: 0 };
    const copy = encodeCopy(state, headerKey, 1, Buffer.alloc(32, 0x44), Buffer.alloc(12, 0x55));
    expect(copy.length).toBe(COPY_BYTES);
    expect(HEADER_COPY_BYTES).toBe(COPY_BYTES);
    expect(createHash('sha256').update(copy).digest('hex')).toBe(V2.copySha256);
    expect(copy.subarray(COPY_BYTES - 16).toString('hex')).toBe(V2.bodyTag);
    expect(independentCopy().equals(copy)).toBe(true);
    // And it reads back: unmask → the vector KEK opens slot 2 → the body gives the counters.
    const candidate = unmaskCopy(copy, 1);
    expect(candidate?.salt.equals(salt)).toBe(true);
    const opened = candidate && openSlots(KEK, candidate);
    expect(opened?.index).toBe(2);
    expect(opened?.master.equals(master)).toBe(true);
    expect(candidate && openCopyBody(candidate, headerKey)).toEqual({
      flags: 0,
      generation: 2n,
      manifestGeneration: 7n,
    });
    // The copy index is authenticated: the same bytes read as copy A do not open.
    const asA = unmaskCopy(copy, 0);
    expect(asA && openCopyBody(asA, headerKey)).toBeNull();
  });

  it('docs/vault-format.md carries the same vectors', async () => {
    const doc = await readFile(resolve(__dirname, '../../../../docs/vault-format.md'), 'utf8');
    for (const value of Object.values(V2)) expect(doc).toContain(value);
  });
});

describe('format 2 header: damage', () => {
  it('every byte of a copy, flipped, makes that copy fail to open (refused before derivation, or not authentic)', async () => {
    const v = floorVault(ctx.dir);
    await v.create(PASS, { withRecoveryCode: true });
    await v.lock();
    const file = await readFile(join(ctx.dir, 'vault', 'index.bin'));
    const keks = new Map<string, Buffer>();
    const kekFor = async (c: CopyCandidate): Promise<Buffer> => {
      const id = `${c.salt.toString('hex')}/${c.kdf.memoryKiB}/${c.kdf.iterations}/${c.kdf.parallelism}`;
      const known = keks.get(id) ?? (await deriveKek(PASS, c.salt, c.kdf));
      keks.set(id, known);
      return known;
    };
    /** True when the copy yields an authenticated header for PASS (what unlock needs). */
    const opens = async (bytes: Buffer, index: 0 | 1): Promise<boolean> => {
      const c = unmaskCopy(bytes, index);
      if (!c) return false;
      const slot = openSlots(await kekFor(c), c);
      if (!slot) return false;
      return openCopyBody(c, deriveHeaderKey(slot.master, c.vaultId)) !== null;
    };
    for (const index of [0, 1] as const) {
      const copy = file.subarray(index * COPY_BYTES, (index + 1) * COPY_BYTES);
      expect(await opens(Buffer.from(copy), index)).toBe(true);
      const refusedEarly: number[] = [];
      for (let i = 0; i < COPY_BYTES; i++) {
        const flipped = Buffer.from(copy);
        flipped[i] = (flipped[i] ?? 0) ^ 0xff;
        if (!unmaskCopy(flipped, index)) refusedEarly.push(i);
        expect(await opens(flipped, index), `copy ${index} byte ${i}`).toBe(false);
      }
      // A flipped copy nonce changes the whole mask: its parameters stop being plausible.
      for (let i = 0; i < NONCE; i++) expect(refusedEarly).toContain(i);
    }
  }, 120_000);

  it('a byte changed in both copies, anywhere, fails unlock with a translated code and changes nothing', async () => {
    const v = floorVault(ctx.dir);
    await v.create(PASS, { withRecoveryCode: false });
    await v.lock();
    const path = join(ctx.dir, 'vault', 'index.bin');
    const good = await readFile(path);
    const locales = await Promise.all(
      ['en', 'ru', 'uk'].map(
        async (l) =>
          JSON.parse(
            await readFile(resolve(__dirname, `../../../../resources/locales/${l}/errors.json`), 'utf8'),
          ) as Record<string, string>,
      ),
    );
    // One offset in each region: copy nonce, vault id, salt, m, t, p, a slot, body nonce, body, tag.
    for (const offset of [5, 40, 52, 66, 71, 75, 200, 335, 360, 400]) {
      const bad = Buffer.from(good);
      for (const c of [0, 1]) bad[c * COPY_BYTES + offset] = (bad[c * COPY_BYTES + offset] ?? 0) ^ 0x01;
      await writeFile(path, bad);
      const outcome = await v.unlock(PASS).then(
        (r) => (r.ok ? 'opened' : 'vault/wrong-passphrase'),
        (err: unknown) => (isTikhoError(err) ? err.code : String(err)),
      );
      expect(['vault/wrong-passphrase', 'vault/header-corrupt'], `offset ${offset}`).toContain(outcome);
      for (const strings of locales) expect(strings[outcome]).toBeTruthy();
      expect((await readFile(path)).equals(bad)).toBe(true);
    }
    await writeFile(path, good);
    expect(await v.unlock(PASS)).toEqual({ ok: true, role: 'primary' });
  });
});

/** node:fs, but the `tearAt`-th write into the header file stops after `keep` bytes and throws. */
function tearingFs(tearAt: number, keep: number): FileSystem & { writes: () => number } {
  let writes = 0;
  const open = (async (path: string, flags?: string, mode?: number) => {
    const handle = await nodeFileSystem.open(path, flags, mode);
    if (!path.endsWith('index.bin') || flags !== 'r+') return handle;
    const realWrite = handle.write.bind(handle) as (...a: unknown[]) => Promise<{ bytesWritten: number }>;
    return Object.assign(handle, {
      write: async (buf: Buffer, off: number, len: number, pos: number) => {
        writes++;
        if (writes !== tearAt) return realWrite(buf, off, len, pos);
        if (keep > 0) await realWrite(buf, off, Math.min(keep, len), pos);
        throw Object.assign(new Error('torn (test)'), { code: 'EIO' });
      },
    });
  }) as FileSystem['open'];
  return { ...nodeFileSystem, open, writes: () => writes };
}

describe('format 2 header: torn writes and A/B', () => {
  const NEW = 'the new passphrase here';
  for (const tearAt of [1, 2]) {
    for (const keep of [0, 1, 200, COPY_BYTES - 1]) {
      it(`a passphrase change torn in write ${tearAt} after ${keep} bytes leaves exactly one passphrase working`, async () => {
        const setup = floorVault(ctx.dir);
        await setup.create(PASS, { withRecoveryCode: false });
        await setup.lock();
        const torn = tearingFs(tearAt, keep);
        const v = floorVault(ctx.dir, { fs: torn });
        expect((await v.unlock(PASS)).ok).toBe(true);
        // A change is a key rotation: the first copy under the new header key is its commit, so a
        // tear after it is reported as done (the copies are checked), one before it as an error.
        const change = v.changePassphrase(PASS, NEW);
        if (tearAt === 1) await expect(change).rejects.toMatchObject({ code: 'vault/io-error' });
        else expect(await change).toEqual({ recoveryCode: null });
        expect(torn.writes()).toBeGreaterThanOrEqual(tearAt);
        // What a restart sees: the first write torn → the old state; the second → the new one.
        const after = floorVault(ctx.dir);
        const [works, fails] = tearAt === 1 ? [PASS, NEW] : [NEW, PASS];
        expect(await after.unlock(fails)).toEqual({ ok: false });
        expect(await after.unlock(works)).toEqual({ ok: true, role: 'primary' });
        await after.lock();
        // That unlock finished the change (or left the old state whole): the other passphrase
        // now opens neither copy, each tried on its own.
        const file = await readFile(join(ctx.dir, 'vault', 'index.bin'));
        for (const index of [0, 1]) {
          const alone = Buffer.from(file);
          alone.fill(0, (1 - index) * COPY_BYTES, (2 - index) * COPY_BYTES);
          await writeFile(join(ctx.dir, 'vault', 'index.bin'), alone);
          expect(await after.unlock(fails)).toEqual({ ok: false });
          expect((await after.unlock(works)).ok, `copy ${index} alone`).toBe(true);
          await after.lock();
        }
      });
    }
  }

  it('a finished change leaves no copy that opens with the old passphrase', async () => {
    const v = floorVault(ctx.dir);
    await v.create(PASS, { withRecoveryCode: false });
    await v.setSlot('duress', 'duress words for a test');
    await v.clearSlot('duress');
    await v.changePassphrase(PASS, NEW);
    await v.lock();
    const headers = createHeaderFile({
      fs: nodeFileSystem,
      dir: join(ctx.dir, 'vault'),
      random: () => Buffer.alloc(0),
    });
    const sources = await headers.read();
    expect(sources.copies).toHaveLength(2);
    for (const old of [PASS, 'duress words for a test'])
      for (const c of sources.copies) expect(await headers.open({ ...sources, copies: [c] }, old)).toBeNull();
    for (const c of sources.copies)
      expect((await headers.open({ ...sources, copies: [c] }, NEW))?.role).toBe('primary');
  });
});

describe('format 2 header: manifest generation (rollback anchor)', () => {
  it('is written in place with the header, survives lock and unlock, and needs an unlocked vault', async () => {
    const v = floorVault(ctx.dir);
    await v.create(PASS, { withRecoveryCode: false });
    expect(v.manifestGeneration).toBe(0n);
    const path = join(ctx.dir, 'vault', 'index.bin');
    const before = await readFile(path);
    await v.setManifestGeneration(41n);
    await v.setManifestGeneration(42n);
    const after = await readFile(path);
    expect(after.length).toBe(before.length);
    expect(after.subarray(0, COPY_BYTES).equals(before.subarray(0, COPY_BYTES))).toBe(false);
    expect(after.subarray(COPY_BYTES).equals(before.subarray(COPY_BYTES))).toBe(false);
    await v.lock();
    expect(() => v.manifestGeneration).toThrow('vault/locked');
    await expect(v.setManifestGeneration(1n)).rejects.toMatchObject({ code: 'vault/locked' });
    const other = floorVault(ctx.dir);
    await other.unlock(PASS);
    expect(other.manifestGeneration).toBe(42n);
    await expect(other.setManifestGeneration(-1n)).rejects.toThrow(RangeError);
    expect(FLOOR_KDF.memoryKiB).toBe(kdf.memoryKiB);
  });
});

describe('format 2 header: destroy during a header write', () => {
  it('a panic that lands inside a passphrase change leaves no copy that opens in the unlinked blocks', async () => {
    const { link } = await import('node:fs/promises');
    const setup = floorVault(ctx.dir);
    await setup.create(PASS, { withRecoveryCode: false });
    await setup.lock();
    const path = join(ctx.dir, 'vault', 'index.bin');
    const sameInode = join(ctx.dir, 'same-inode');
    await link(path, sameInode);
    const panic: { done: Promise<void> | null } = { done: null };
    let v: ReturnType<typeof floorVault> | null = null;
    const fs: FileSystem = {
      ...nodeFileSystem,
      open: (async (p: string, flags?: string, mode?: number) => {
        const handle = await nodeFileSystem.open(p, flags, mode);
        // The first in-place write of the change has its file open: the panic arrives now.
        if (p === path && flags === 'r+' && !panic.done && v) panic.done = v.destroyKeyMaterial();
        return handle;
      }) as FileSystem['open'],
    };
    v = floorVault(ctx.dir, { fs });
    expect((await v.unlock(PASS)).ok).toBe(true);
    await v.changePassphrase(PASS, 'the new passphrase here').catch(() => undefined);
    expect(panic.done).not.toBeNull();
    await panic.done;
    const left = await readFile(sameInode);
    await writeFile(path, left);
    for (const p of [PASS, 'the new passphrase here'])
      await expect(floorVault(ctx.dir).unlock(p)).rejects.toMatchObject({ code: 'vault/header-corrupt' });
  });
});
