import { cp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTikhoError } from '../../../../shared/errors';
import { PASS, floorVault, tempDir } from './helpers';
import { nodeFileSystem, type FileSystem } from '../../../../electron/services/common';

/**
 * Issue 18 §3: an older manifest.bin put back (with or without older record files), a deleted
 * manifest.bin, and a missing records/ folder. Real vault, real files, real crypto.
 */
let ctx: Awaited<ReturnType<typeof tempDir>>;
let root: string;
beforeEach(async () => {
  ctx = await tempDir();
  root = join(ctx.dir, 'vault');
});
afterEach(async () => {
  await ctx.cleanup();
});

const note = (title: string, body = 'b') => ({ title, body, tags: [], pinned: false });
type Vault = ReturnType<typeof floorVault>;

async function unlocked(vault: Vault): Promise<Vault> {
  expect((await vault.unlock(PASS)).ok).toBe(true);
  await vault.notes.loaded();
  return vault;
}

function byTitle(vault: Vault): Map<string, { body: string | null; damaged: boolean }> {
  return new Map(
    vault.notes
      .list()
      .map((n) => [n.title, { body: n.damaged ? null : vault.notes.get(n.id).body, damaged: n.damaged }]),
  );
}

async function snapshot(what: 'manifest' | 'manifest+records'): Promise<() => Promise<void>> {
  const keep = join(ctx.dir, `old-${what}`);
  await cp(join(root, 'manifest.bin'), join(keep, 'manifest.bin'));
  if (what === 'manifest+records')
    await cp(join(root, 'records'), join(keep, 'records'), { recursive: true });
  return async () => {
    await cp(join(keep, 'manifest.bin'), join(root, 'manifest.bin'));
    if (what === 'manifest+records') {
      await rm(join(root, 'records'), { recursive: true });
      await cp(join(keep, 'records'), join(root, 'records'), { recursive: true });
    }
  };
}

describe('manifest rollback', () => {
  it('an older manifest.bin put back: newer notes and edits stay, a deleted note does not come back, and it is told', async () => {
    const vault = floorVault(ctx.dir);
    await vault.create(PASS, { withRecoveryCode: false });
    const kept = await vault.notes.create(note('kept', 'v1'));
    const doomed = await vault.notes.create(note('doomed', 'secret'));
    await vault.lock();
    const restore = await snapshot('manifest');
    await unlocked(vault);
    await vault.notes.create(note('newer', 'fresh'));
    await vault.notes.update(kept.id, { body: 'v2' });
    await vault.notes.delete(doomed.id);
    await vault.lock();
    await restore();

    await unlocked(vault);
    const notes = byTitle(vault);
    expect(notes.get('newer')).toEqual({ body: 'fresh', damaged: false });
    expect(notes.get('kept')).toEqual({ body: 'v2', damaged: false });
    // Its file is gone: the older manifest can only say it existed, never show its old text.
    expect(notes.get('doomed')?.body ?? null).toBeNull();
    expect(vault.indexNotice()).toMatchObject({ kind: 'rolled-back', anchorMissing: false });
    expect(vault.indexNotice()).toMatchObject({ recovered: expect.any(Number) as number });
    expect((vault.indexNotice() as { recovered: number }).recovered).toBeGreaterThanOrEqual(1);
  });

  it('an older manifest with older record files put back is told at every unlock until the person continues', async () => {
    const vault = floorVault(ctx.dir);
    await vault.create(PASS, { withRecoveryCode: false });
    const a = await vault.notes.create(note('a', 'old'));
    await vault.lock();
    const restore = await snapshot('manifest+records');
    await unlocked(vault);
    await vault.notes.update(a.id, { body: 'new' });
    await vault.lock();
    await restore();

    for (let i = 0; i < 2; i++) {
      await unlocked(vault);
      // The files say nothing newer exists; only the anchor knows the manifest went back.
      expect(byTitle(vault).get('a')?.body).toBe('old');
      expect(vault.indexNotice()).toMatchObject({ kind: 'rolled-back', recovered: 0 });
      await vault.lock(); // locking without choosing keeps the question open
    }
    await unlocked(vault);
    await vault.acknowledgeIndexNotice();
    expect(vault.indexNotice()).toBeNull();
    await vault.lock();
    await unlocked(vault);
    expect(vault.indexNotice()).toBeNull();
  });

  it('a record deleted and written again after the older manifest was taken is not hidden by its old tombstone', async () => {
    const vault = floorVault(ctx.dir);
    await vault.create(PASS, { withRecoveryCode: false });
    await vault.records.write('probe', 'k', Buffer.from('first'));
    await vault.records.remove('probe', 'k');
    await vault.lock();
    const restore = await snapshot('manifest');
    await unlocked(vault);
    await vault.records.write('probe', 'k', Buffer.from('second'));
    await vault.lock();
    await restore();
    await unlocked(vault);
    expect((await vault.records.read('probe', 'k'))?.toString()).toBe('second');
    await vault.lock();
    await unlocked(vault);
    expect((await vault.records.read('probe', 'k'))?.toString()).toBe('second');
  });

  it('a deleted anchor file is told as a possible rollback', async () => {
    const vault = floorVault(ctx.dir);
    await vault.create(PASS, { withRecoveryCode: false });
    await vault.notes.create(note('x'));
    await vault.lock();
    await rm(join(root, 'state.bin'));
    await unlocked(vault);
    expect(byTitle(vault).get('x')?.body).toBe('b');
    expect(vault.indexNotice()).toMatchObject({ kind: 'rolled-back', anchorMissing: true });
  });

  it('a crash between the manifest write and the anchor write raises no false alarm', async () => {
    let failAnchor = false;
    const fs: FileSystem = {
      ...nodeFileSystem,
      open: ((path: string, ...rest: unknown[]) => {
        if (failAnchor && path.endsWith('state.bin') && rest[0] === 'r+')
          return Promise.reject(Object.assign(new Error('EIO'), { code: 'EIO' }));
        return (nodeFileSystem.open as (...a: unknown[]) => ReturnType<FileSystem['open']>)(path, ...rest);
      }) as FileSystem['open'],
    };
    const vault = floorVault(ctx.dir, { fs });
    await vault.create(PASS, { withRecoveryCode: false });
    await vault.lock();
    const restore = await snapshot('manifest');
    await unlocked(vault);
    failAnchor = true;
    await vault.notes.create(note('lagging'));
    await vault.lock();
    failAnchor = false;
    await unlocked(vault);
    expect(byTitle(vault).get('lagging')?.body).toBe('b');
    expect(vault.indexNotice()).toBeNull();
    await vault.lock();
    // The lag was repaired at that unlock: the manifest from before is now caught.
    await restore();
    await unlocked(vault);
    expect(vault.indexNotice()).toMatchObject({ kind: 'rolled-back' });
  });
});

describe('manifest rebuild and missing records folder', () => {
  it('a deleted manifest.bin is rebuilt from the record files, with a notice saying so', async () => {
    const vault = floorVault(ctx.dir);
    await vault.create(PASS, { withRecoveryCode: false });
    await vault.notes.create(note('one', 'body 1'));
    const two = await vault.notes.create(note('two', 'body 2'));
    await vault.notes.update(two.id, { body: 'body 2b' });
    await vault.records.write('probe', 'k', Buffer.from('kept'));
    await vault.lock();
    await rm(join(root, 'manifest.bin'));

    await unlocked(vault);
    const notes = byTitle(vault);
    expect(notes.get('one')).toEqual({ body: 'body 1', damaged: false });
    expect(notes.get('two')).toEqual({ body: 'body 2b', damaged: false });
    expect((await vault.records.read('probe', 'k'))?.toString()).toBe('kept');
    expect(vault.indexNotice()).toMatchObject({ kind: 'rebuilt', reason: 'missing', unknown: 0 });
    // The rebuilt manifest was written: later edits persist and the next unlock is ordinary.
    await vault.notes.update(two.id, { body: 'body 2c' });
    await vault.lock();
    await unlocked(vault);
    expect(byTitle(vault).get('two')?.body).toBe('body 2c');
    expect(vault.indexNotice()).toBeNull();
  });

  it('a manifest.bin that does not authenticate is rebuilt too', async () => {
    const vault = floorVault(ctx.dir);
    await vault.create(PASS, { withRecoveryCode: false });
    await vault.notes.create(note('one', 'body 1'));
    await vault.lock();
    const m = await readFile(join(root, 'manifest.bin'));
    m[40] = (m[40] ?? 0) ^ 0x01;
    await writeFile(join(root, 'manifest.bin'), m);
    await unlocked(vault);
    expect(byTitle(vault).get('one')?.body).toBe('body 1');
    expect(vault.indexNotice()).toMatchObject({ kind: 'rebuilt', reason: 'damaged' });
  });

  it('a missing records folder is refused with its own code, and nothing is written', async () => {
    const vault = floorVault(ctx.dir);
    await vault.create(PASS, { withRecoveryCode: false });
    await vault.notes.create(note('one'));
    await vault.lock();
    await rename(join(root, 'records'), join(ctx.dir, 'records-moved'));
    const manifestBefore = await readFile(join(root, 'manifest.bin'));
    const err = await vault.unlock(PASS).catch((e: unknown) => e);
    expect(isTikhoError(err) && err.code).toBe('vault/records-missing');
    expect(vault.isUnlocked()).toBe(false);
    expect((await readFile(join(root, 'manifest.bin'))).equals(manifestBefore)).toBe(true);
    // Put back, it opens as before.
    await rename(join(ctx.dir, 'records-moved'), join(root, 'records'));
    await unlocked(vault);
    expect(byTitle(vault).get('one')?.body).toBe('b');
  });
});
