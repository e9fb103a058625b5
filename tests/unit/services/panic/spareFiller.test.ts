import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DECOY_NOTE_KEYS } from '../../../../shared/ipc/panic';
import { CHECKLIST_COLLECTION } from '../../../../electron/services/checklist/checklistService';
import { CONFIG_COLLECTION, CONFIG_ID } from '../../../../electron/services/panic/panicConfig';
import { HEADER_COPY_BYTES, unmaskCopy } from '../../../../electron/services/vault/headerV2';
import type { VaultService } from '../../../../electron/services/vault/vaultService';
import {
  DURESS_PASS,
  FLOOR_KDF,
  REAL_PASS,
  floorVault,
  folderShape,
  makeEnv,
  makeService,
  type Env,
} from './helpers';

/**
 * An examiner with a copy of the data folder, who knows the format but no passphrase, must not
 * learn whether a decoy waits in spare/ (docs/panic.md §Duress passphrase and decoy): the folder
 * is there, with the same files, counts and sizes, and its header unmasks to the real vault's
 * parameters, whether it holds the decoy or the filler.
 */
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const DECOY = DECOY_NOTE_KEYS.map((k) => ({ title: `decoy ${k}`, body: `a decoy note about ${k}` }));

type Variant = 'no duress' | 'duress, no decoy' | 'duress and decoy';

let envs: Env[] = [];
beforeEach(() => {
  envs = [];
});
afterEach(async () => {
  for (const e of envs) await e.cleanup();
});

async function notebook(variant: Variant): Promise<{ env: Env; vault: VaultService }> {
  const env = await makeEnv();
  envs.push(env);
  const vault = floorVault(join(env.dataDir, 'vault'), { clock: () => NOW });
  await vault.create(REAL_PASS, { withRecoveryCode: true });
  for (let i = 0; i < 3; i++)
    await vault.notes.create({ title: `real ${i}`, body: `real body ${i}`, tags: [], pinned: false });
  await vault.records.write(CHECKLIST_COLLECTION, 'progress', Buffer.from('{"v":1,"statuses":{"a":"done"}}'));
  const svc = makeService(env, vault, { wallClock: () => NOW, equaliseUnlockTiming: false });
  await vault.lock();
  expect(await svc.unlockOrPanic(REAL_PASS)).toEqual({ ok: true, role: 'primary' });
  await svc.whenIdle();
  if (variant !== 'no duress')
    await svc.setUpDuress({
      currentPassphrase: REAL_PASS,
      duressPassphrase: DURESS_PASS,
      ...(variant === 'duress and decoy' ? { decoyNotes: DECOY } : {}),
    });
  await svc.whenIdle();
  await vault.lock();
  return { env, vault };
}

/** Both copies of a header file, unmasked the way any reader of docs/vault-format.md can. */
async function unmasked(
  path: string,
): Promise<{ memoryKiB: number; iterations: number; parallelism: number }[]> {
  const bytes = await readFile(path);
  return [0, 1].map((i) => {
    const copy = unmaskCopy(
      bytes.subarray(i * HEADER_COPY_BYTES, (i + 1) * HEADER_COPY_BYTES),
      i === 0 ? 0 : 1,
    );
    if (!copy) throw new Error(`copy ${i} of ${path} does not unmask to plausible parameters`);
    return copy.kdf;
  });
}

async function opens(dir: string, passphrase: string): Promise<boolean> {
  const v = floorVault(dir);
  const r = await v.unlock(passphrase);
  await v.lock();
  return r.ok && r.role !== 'duress';
}

describe('spare/ does not tell whether a decoy is prepared', () => {
  it('no duress, a duress passphrase alone, and one with a decoy leave folders of one shape', async () => {
    const variants: Variant[] = ['no duress', 'duress, no decoy', 'duress and decoy'];
    const made = [];
    for (const v of variants) made.push({ v, ...(await notebook(v)) });
    const shapes = await Promise.all(made.map((m) => folderShape(m.env.dataDir)));
    expect(shapes[0]).toContain('spare/');
    expect(shapes[1]).toEqual(shapes[0]);
    expect(shapes[2]).toEqual(shapes[0]);

    for (const m of made) {
      const spare = join(m.env.dataDir, 'spare');
      expect(await unmasked(join(spare, 'index.bin'))).toEqual([FLOOR_KDF, FLOOR_KDF]);
      expect(await unmasked(join(m.env.dataDir, 'vault', 'index.bin'))).toEqual([FLOOR_KDF, FLOOR_KDF]);
      expect(await opens(spare, REAL_PASS)).toBe(false);
      // Only the prepared decoy opens, and only with the duress passphrase.
      expect(await opens(spare, DURESS_PASS)).toBe(m.v === 'duress and decoy');
    }

    // The comparison sees spare/ at all: without it the shapes differ.
    await rm(join(made[0]?.env.dataDir ?? '', 'spare'), { recursive: true });
    expect(await folderShape(made[0]?.env.dataDir ?? '')).not.toEqual(shapes[0]);
  });

  it('the screens still know: the decoy is offered only when it was prepared; removing it leaves a filler', async () => {
    const { env, vault } = await notebook('duress and decoy');
    const svc = makeService(env, vault, { equaliseUnlockTiming: false });
    expect(await svc.unlockOrPanic(REAL_PASS)).toEqual({ ok: true, role: 'primary' });
    expect(await svc.getConfig()).toMatchObject({ duressSet: true, decoyReady: true, endState: 'decoy' });

    await svc.removeDuress();
    expect(await svc.getConfig()).toMatchObject({ duressSet: false, decoyReady: false, endState: 'quit' });
    await expect(svc.setEndState('decoy')).rejects.toMatchObject({ code: 'panic/no-decoy' });
    const spare = join(env.dataDir, 'spare');
    // The old decoy's header was overwritten: its duress passphrase opens nothing any more.
    expect(await opens(spare, DURESS_PASS)).toBe(false);
    expect(await unmasked(join(spare, 'index.bin'))).toEqual([FLOOR_KDF, FLOOR_KDF]);
    await vault.lock();
  });

  it('a removed decoy opens with nothing at once, even when its filler cannot land; the next unlock builds it', async () => {
    const { env, vault } = await notebook('duress and decoy');
    // The filler cannot be built (the disk is full, or the app is killed while it is written).
    let refuse = true;
    const createVault: typeof floorVault = (dir, opts) => {
      if (refuse && dir.includes('.spare-staging-'))
        throw Object.assign(new Error('full'), { code: 'ENOSPC' });
      return floorVault(dir, opts);
    };
    const svc = makeService(env, vault, { createVault, equaliseUnlockTiming: false });
    expect(await svc.unlockOrPanic(REAL_PASS)).toEqual({ ok: true, role: 'primary' });
    await svc.whenIdle();
    await svc.removeDuress();
    const spare = join(env.dataDir, 'spare');
    expect(await svc.getConfig()).toMatchObject({ duressSet: false, decoyReady: false });
    // Its header is random bytes now: the unlock fails (header-corrupt), nothing opens.
    expect(await opens(spare, DURESS_PASS).catch(() => false)).toBe(false);

    refuse = false;
    await vault.lock();
    expect(await svc.unlockOrPanic(REAL_PASS)).toEqual({ ok: true, role: 'primary' });
    await svc.whenIdle();
    // A filler again: the header unmasks to the vault's parameters, and still nothing opens it.
    expect(await unmasked(join(spare, 'index.bin'))).toEqual([FLOOR_KDF, FLOOR_KDF]);
    expect(await opens(spare, DURESS_PASS)).toBe(false);
    expect(await folderShape(env.dataDir)).toEqual(
      await folderShape((await notebook('no duress')).env.dataDir),
    );
    await vault.lock();
  });

  it('a decoy prepared before fillers existed stays the decoy after the upgrade', async () => {
    const { env, vault } = await notebook('duress and decoy');
    expect(await vault.unlock(REAL_PASS)).toMatchObject({ ok: true });
    // What earlier versions wrote: no decoyPrepared field.
    await vault.records.write(
      CONFIG_COLLECTION,
      CONFIG_ID,
      Buffer.from(JSON.stringify({ v: 1, endState: 'decoy', failedUnlockLimit: null, deadManDays: null })),
    );
    await vault.lock();
    const svc = makeService(env, vault, { equaliseUnlockTiming: false });
    expect(await svc.unlockOrPanic(REAL_PASS)).toEqual({ ok: true, role: 'primary' });
    await svc.whenIdle();
    expect(await svc.getConfig()).toMatchObject({ decoyReady: true, endState: 'decoy' });
    await vault.lock();
    expect(await opens(join(env.dataDir, 'spare'), DURESS_PASS)).toBe(true);
  });

  it('a new vault with its filler still takes a backup restored into it', async () => {
    const from = await makeEnv();
    envs.push(from);
    const old = floorVault(join(from.dataDir, 'vault'));
    await old.create(REAL_PASS, { withRecoveryCode: false });
    await old.notes.create({ title: 'from the old computer', body: 'kept', tags: [], pinned: false });
    const backup = join(from.root, 'backup.bin');
    await old.backup.exportEncrypted(backup);
    await old.lock();

    const env = await makeEnv();
    envs.push(env);
    const vault = floorVault(join(env.dataDir, 'vault'));
    await vault.create(DURESS_PASS, { withRecoveryCode: false });
    const svc = makeService(env, vault, { equaliseUnlockTiming: false });
    svc.prepareSpare();
    await svc.whenIdle();
    expect(await unmasked(join(env.dataDir, 'spare', 'index.bin'))).toEqual([FLOOR_KDF, FLOOR_KDF]);
    // The filler's config record does not make the new vault "not empty" for the restore.
    expect(await vault.records.list(CONFIG_COLLECTION)).toEqual([CONFIG_ID]);
    await vault.backup.importEncrypted(backup, REAL_PASS);
    expect(vault.notes.list().map((n) => n.title)).toEqual(['from the old computer']);
    await vault.lock();
  });

  it('a restored backup’s decoy is forgotten: its config names a decoy this folder does not have', async () => {
    const env = await makeEnv();
    envs.push(env);
    const vault = floorVault(join(env.dataDir, 'vault'));
    await vault.create(REAL_PASS, { withRecoveryCode: false });
    const svc = makeService(env, vault, { equaliseUnlockTiming: false });
    svc.prepareSpare();
    await svc.whenIdle();
    // The config record as a backup of another notebook brings it in.
    const config = { v: 1, endState: 'decoy', failedUnlockLimit: 3, deadManDays: null, decoyPrepared: true };
    await vault.records.write(CONFIG_COLLECTION, CONFIG_ID, Buffer.from(JSON.stringify(config)));
    expect(await svc.getConfig()).toMatchObject({ decoyReady: true, endState: 'decoy' });
    await svc.afterRestore();
    expect(await svc.getConfig()).toMatchObject({
      decoyReady: false,
      endState: 'quit',
      failedUnlockLimit: 3,
    });
    await vault.lock();
  });
});
