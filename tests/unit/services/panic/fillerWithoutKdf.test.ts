import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import argon2 from 'argon2';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DECOY_NOTE_KEYS } from '../../../../shared/ipc/panic';
import {
  buildFiller,
  buildSpare,
  fillerNotes,
  type SpareContext,
} from '../../../../electron/services/panic/spareFolder';
import { DURESS_PASS, REAL_PASS, floorVault, makeEnv, type Env } from './helpers';
import { nodeFileSystem } from '../../../../electron/services/common';

/**
 * A filler's passphrase is thrown away the moment it is made, and nothing on disk depends on a
 * key derived from it: its build must not spend the calibrated Argon2id (up to 256 MiB and a
 * second or more, twice with a recovery code) on a secret nobody will type. The spy is on the
 * argon2 binding the vault's key derivation calls, so any Argon2id run anywhere in the build
 * counts.
 */
let env: Env | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await env?.cleanup();
  env = null;
});

async function sourceVault(): Promise<{ ctx: SpareContext; spareDir: string }> {
  env = await makeEnv();
  const vault = floorVault(join(env.dataDir, 'vault'));
  await vault.create(REAL_PASS, { withRecoveryCode: true });
  await vault.notes.create({ title: 'real', body: 'real body', tags: [], pinned: false });
  const ctx: SpareContext = {
    fs: nodeFileSystem,
    dataDir: env.dataDir,
    source: vault,
    createVault: floorVault,
    wallClock: Date.now,
  };
  return { ctx, spareDir: join(env.dataDir, 'spare') };
}

async function opensWith(dir: string, passphrase: string): Promise<boolean> {
  const v = floorVault(dir);
  const r = await v.unlock(passphrase);
  await v.lock();
  return r.ok;
}

describe('a filler build runs no Argon2id', () => {
  it('builds spare/ without one call into argon2, and the filler opens with nothing', async () => {
    const { ctx, spareDir } = await sourceVault();
    const hash = vi.spyOn(argon2, 'hash');
    await buildFiller(ctx, DECOY_NOTE_KEYS.length);
    expect(hash).not.toHaveBeenCalled();
    hash.mockRestore();
    expect(await opensWith(spareDir, REAL_PASS)).toBe(false);
    expect(await opensWith(spareDir, randomBytes(32).toString('base64url'))).toBe(false);
  });

  it('the spy sees the KDF: a decoy build with a recovery code runs it twice', async () => {
    const { ctx, spareDir } = await sourceVault();
    const hash = vi.spyOn(argon2, 'hash');
    await buildSpare(ctx, { passphrase: DURESS_PASS }, fillerNotes(2));
    expect(hash).toHaveBeenCalledTimes(2);
    hash.mockRestore();
    expect(await opensWith(spareDir, DURESS_PASS)).toBe(true);
  });
});
