import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLockController, type LockReason } from '../../../../electron/services/lock/lockController';
import { createHeaderFile } from '../../../../electron/services/vault/headerFile';
import { PASS, floorVault, tempDir } from './helpers';
import { nodeFileSystem, type FileSystem } from '../../../../electron/services/common';

const DURESS = 'sunflower kettle ocean 42';

/** node:fs, but `onHeaderRead` runs right after the header is read, i.e. as the unlock's KDF starts. */
function hookedFs(onHeaderRead: () => void): FileSystem {
  return {
    ...nodeFileSystem,
    readFile: async (p) => {
      const b = await nodeFileSystem.readFile(p);
      if (p.endsWith('index.bin')) setImmediate(onHeaderRead);
      return b;
    },
  };
}

/** What the header of a vault folder yields for a passphrase, read the way unlock reads it. */
async function masterOf(vaultDir: string, passphrase: string): Promise<Buffer | null> {
  const headers = createHeaderFile({ fs: nodeFileSystem, dir: vaultDir, random: () => Buffer.alloc(0) });
  return (await headers.open(await headers.read(), passphrase))?.master ?? null;
}

describe('duress and races around unlock', () => {
  let dir = '';
  let cleanup: () => Promise<void> = () => Promise.resolve();
  beforeEach(async () => ({ dir, cleanup } = await tempDir()));
  afterEach(() => cleanup());

  it('the duress slot of a pre-wipe copy yields no key to the real data, and a duress unlock opens nothing', async () => {
    const v = floorVault(dir);
    await v.create(PASS, { withRecoveryCode: true });
    await v.notes.create({ title: 'real title', body: 'real body', tags: [], pinned: false });
    await v.setSlot('duress', DURESS);
    await v.lock();
    await cp(join(dir, 'vault'), join(dir, 'copy'), { recursive: true });
    const real = await masterOf(join(dir, 'copy'), PASS);
    const duress = await masterOf(join(dir, 'copy'), DURESS);
    expect(real).not.toBeNull();
    expect(duress).not.toBeNull();
    expect(duress?.equals(real ?? Buffer.alloc(0))).toBe(false);

    expect(await v.unlock(DURESS)).toEqual({ ok: true, role: 'duress' });
    expect(v.isUnlocked()).toBe(false);
    expect(v.keyBuffersForTestsOnly()).toEqual([]);
    expect(() => v.notes.list()).toThrow(/locked/);
  });

  it('a panic during the KDF of an unlock makes it fail, and no session is installed', async () => {
    let v = floorVault(dir);
    await v.create(PASS, { withRecoveryCode: false });
    await v.lock();
    let destroyed: Promise<void> = Promise.resolve();
    v = floorVault(dir, {
      fs: hookedFs(() => {
        destroyed = v.destroyKeyMaterial();
      }),
    });
    const result = await v.unlock(PASS);
    await destroyed;
    expect(result).toEqual({ ok: false, cancelled: 'destroyed' });
    expect(v.isUnlocked()).toBe(false);
    expect(v.keyBuffersForTestsOnly()).toEqual([]);
  });

  it('a wrong passphrase sent while unlocked changes nothing', async () => {
    const v = floorVault(dir);
    await v.create(PASS, { withRecoveryCode: false });
    const id = (await v.notes.create({ title: 't', body: 'b', tags: [], pinned: false })).id;
    expect(await v.unlock('not the passphrase at all')).toEqual({ ok: false });
    expect(v.isUnlocked()).toBe(true);
    expect(v.notes.get(id).title).toBe('t');
  });

  const reasons: LockReason[] = ['manual', 'idle', 'suspend', 'screen-lock', 'hidden'];
  for (const delayMs of [0, 5, 20]) {
    it(`a lock from any trigger ${delayMs} ms into an unlock's KDF leaves the vault locked`, async () => {
      const setup = floorVault(dir);
      await setup.create(PASS, { withRecoveryCode: false });
      await setup.lock();
      for (const reason of reasons) {
        const events: string[] = [];
        let locking: Promise<void> = Promise.resolve();
        const v = floorVault(dir, {
          fs: hookedFs(() => {
            setTimeout(() => {
              locking = controller.lock(reason);
            }, delayMs);
          }),
        });
        const controller = createLockController(v, (e, p) => {
          events.push('reason' in p ? p.reason : e);
        });
        const result = await v.unlock(PASS);
        await new Promise((r) => setTimeout(r, delayMs + 5));
        await locking;
        expect(events, reason).toEqual([reason]);
        expect(v.isUnlocked(), `${reason} at ${delayMs} ms → ${JSON.stringify(result)}`).toBe(false);
      }
    });
  }
});
