import { promises as fsp } from 'node:fs';
import { readFile, writeFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVaultService } from '../../../../electron/services/vault/vaultService';
import {
  FLOOR_KDF,
  REAL_PASS,
  allFiles,
  fillDataDir,
  floorVault,
  makeEnv,
  makeService,
  recordingPorts,
  type Env,
} from './helpers';
import { nodeFileSystem, type FileSystem } from '../../../../electron/services/common';

type Handle = Awaited<ReturnType<typeof fsp.open>>;

/** Wraps a FileHandle so its sync() is logged under `label`. */
function loggedHandle(h: Handle, label: string, log: string[]): Handle {
  return new Proxy(h, {
    get(target, prop, receiver) {
      if (prop === 'sync')
        return async () => {
          await target.sync();
          log.push(`${label}:sync`);
        };
      const v: unknown = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

function recordingPanicFs(log: string[]): FileSystem {
  return {
    ...nodeFileSystem,
    open: (async (path: string, flags?: string, mode?: number) => {
      const h = await fsp.open(path, flags, mode);
      const label =
        String(path).includes('.wipe-pending') || String(path).includes('.tmp-panic')
          ? 'marker'
          : 'panic-open';
      return loggedHandle(h, label, log);
    }) as FileSystem['open'],
    rename: async (a, b) => {
      log.push(b.endsWith('.wipe-pending') ? 'marker:rename' : 'fs:rename');
      await nodeFileSystem.rename(a, b);
    },
    unlink: async (p) => {
      log.push('fs:unlink');
      await nodeFileSystem.unlink(p);
    },
    rmdir: async (p) => {
      log.push('fs:rmdir');
      await nodeFileSystem.rmdir(p);
    },
  };
}

function recordingVaultFs(log: string[]): FileSystem {
  return {
    ...nodeFileSystem,
    open: (async (path: string, flags?: string, mode?: number) => {
      const h = await fsp.open(path, flags, mode);
      return String(path).endsWith('index.bin') && flags === 'r+' ? loggedHandle(h, 'header', log) : h;
    }) as FileSystem['open'],
  };
}

let env: Env;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => {
  await env.cleanup();
});

describe('panic plan', () => {
  it('destroys the key header and fsyncs it before any other step; the journal goes first', async () => {
    const log: string[] = [];
    const vault = createVaultService({
      dir: join(env.dataDir, 'vault'),
      kdf: FLOOR_KDF,
      fs: recordingVaultFs(log),
    });
    await vault.create(REAL_PASS, { withRecoveryCode: false });
    await vault.notes.create({ title: 't', body: 'b', tags: [], pinned: false });
    await writeFile(join(env.dataDir, 'settings.json'), '{}');
    log.length = 0;
    const svc = makeService(env, vault, { fs: recordingPanicFs(log), ports: recordingPorts(log) });
    const report = await svc.trigger('shortcut');

    const firstHeaderSync = log.indexOf('header:sync');
    const markerDurable = log.indexOf('marker:rename');
    expect(markerDurable).toBeGreaterThanOrEqual(0);
    expect(firstHeaderSync).toBeGreaterThan(markerDurable);
    const destructive = log.findIndex((e) => e.startsWith('fs:') || e.startsWith('port:'));
    expect(destructive).toBeGreaterThan(firstHeaderSync);
    expect(report.steps.map((s) => s.step)).toEqual([
      'mark-pending',
      'destroy-keys',
      'clear-session',
      'clear-recent',
      'reset-app-state',
      'detach-data',
      'delete-temp',
      'clear-clipboard',
      'purge',
      'end-state',
      'clear-pending',
    ]);
    expect(report.keysDestroyed).toBe(true);
    expect(report.complete).toBe(true);
    expect(log.at(-1)).toBe('port:quit');
    expect(vault.isUnlocked()).toBe(false);
    expect(await readdir(env.dataDir)).toEqual([]);
    expect(await floorVault(join(env.dataDir, 'vault')).exists()).toBe(false);
  });

  it('runs the plan once when several triggers arrive together', async () => {
    const vault = await fillDataDir(env, 'MARK');
    let destroys = 0;
    const counted = new Proxy(vault, {
      get(target, prop, receiver) {
        if (prop === 'destroyKeyMaterial')
          return async () => {
            destroys++;
            await target.destroyKeyMaterial();
          };
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const svc = makeService(env, counted);
    const reports = await Promise.all([
      svc.trigger('shortcut'),
      svc.trigger('button'),
      svc.trigger('shortcut'),
      svc.unlockOrPanic('wrong passphrase here'),
    ]);
    expect(destroys).toBe(1);
    expect(reports[1]).toBe(reports[0]);
    expect(reports[2]).toBe(reports[0]);
    expect(reports[3]).toEqual({ ok: false, next: 'first-run' });
    expect(await readdir(env.dataDir)).toEqual([]);
  });

  it('on a partly unwritable folder finishes what it can and lists what it could not', async () => {
    const vault = await fillDataDir(env, 'MARK');
    await vault.lock();
    const denied = (p: string): boolean => p.includes('Local Storage') || p.endsWith('settings.json');
    const eacces = (): Error => Object.assign(new Error('denied'), { code: 'EACCES' });
    const fs: FileSystem = {
      ...nodeFileSystem,
      rename: async (a, b) => {
        if (denied(a)) throw eacces();
        await nodeFileSystem.rename(a, b);
      },
      unlink: async (p) => {
        if (denied(p)) throw eacces();
        await nodeFileSystem.unlink(p);
      },
      rmdir: async (p) => {
        if (denied(p)) throw eacces();
        await nodeFileSystem.rmdir(p);
      },
    };
    const failingPorts = {
      ...recordingPorts(),
      clearSessionData: () => Promise.reject(new Error('renderer gone')),
      clearRecentDocuments: () => new Promise<void>(() => undefined), // never answers
    };
    const svc = makeService(env, vault, { fs, ports: failingPorts, portTimeoutMs: 200 });
    const report = await svc.trigger('button');
    expect(report.keysDestroyed).toBe(true);
    expect(report.complete).toBe(false);
    const targets = report.failures.map((f) => `${f.target}:${f.code}`);
    expect(targets).toContain('settings.json:EACCES');
    expect(targets).toContain('Local Storage/leveldb/000003.log:EACCES');
    expect(targets).toContain('clearSessionData:unknown');
    expect(targets).toContain('clearRecentDocuments:timeout');
    // Everything else is gone; only the refused entries remain.
    const left = (await allFiles(env.dataDir)).map((p) => p.slice(env.dataDir.length + 1)).sort();
    expect(left).toEqual(['.wipe-pending', 'Local Storage/leveldb/000003.log', 'settings.json']);
    expect(report.destroyed.records).toBeGreaterThan(0);
  });

  it('reports keys NOT destroyed when the header cannot be overwritten (read-only file system)', async () => {
    const vault = await fillDataDir(env, 'MARK');
    const headerBefore = await readFile(join(env.dataDir, 'vault', 'index.bin'));
    const rofs = (): Error => Object.assign(new Error('ro'), { code: 'EROFS' });
    const readOnlyVault = new Proxy(vault, {
      get(target, prop, receiver) {
        // vault.destroyKeyMaterial() swallows an open() error: model that, then our own overwrite fails too.
        if (prop === 'destroyKeyMaterial') return async () => target.lock();
        const v: unknown = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
    const fs: FileSystem = {
      ...nodeFileSystem,
      open: (async (p: string, flags?: string, mode?: number) => {
        if (flags !== 'r') throw rofs();
        return fsp.open(p, flags, mode);
      }) as FileSystem['open'],
      mkdir: () => Promise.reject(rofs()),
      rename: () => Promise.reject(rofs()),
      unlink: () => Promise.reject(rofs()),
      rmdir: () => Promise.reject(rofs()),
    };
    const report = await makeService(env, readOnlyVault, { fs }).trigger('shortcut');
    expect(report.keysDestroyed).toBe(false);
    expect(report.failures.some((f) => f.target === 'vault/index.bin' && f.code === 'EROFS')).toBe(true);
    expect(await readFile(join(env.dataDir, 'vault', 'index.bin'))).toEqual(headerBefore);
  });

  it('overwrites stray header copies: a vault temp file and a crashed drill copy', async () => {
    const vault = await fillDataDir(env, 'MARK');
    const header = await readFile(join(env.dataDir, 'vault', 'index.bin'));
    await writeFile(join(env.dataDir, 'vault', '.tmp-0123456789abcdef'), header);
    const drillCopy = join(env.tmpDir, 'tikho-drill-deadbeef', 'data', 'vault');
    await mkdir(drillCopy, { recursive: true });
    await writeFile(join(drillCopy, 'index.bin'), header);
    const report = await makeService(env, vault).trigger('shortcut');
    expect(report.destroyed.headers).toBe(3);
    expect(await readdir(env.tmpDir)).toEqual([]);
  });

  it("overwrites the practice and help-desk profiles' headers in place, not only unlinks them", async () => {
    const vault = await fillDataDir(env, 'MARK');
    const witnesses: Array<{ path: string; before: Buffer }> = [];
    for (const profile of ['desk', 'practice']) {
      const other = floorVault(join(env.dataDir, 'profiles', profile, 'vault'));
      await other.create(REAL_PASS, { withRecoveryCode: false });
      await other.lock();
      const header = join(env.dataDir, 'profiles', profile, 'vault', 'index.bin');
      // A hard link outside the data folder still sees the inode after the wipe unlinks it.
      const witness = join(env.root, `${profile}-witness`);
      await fsp.link(header, witness);
      witnesses.push({ path: witness, before: await readFile(header) });
    }
    const report = await makeService(env, vault).trigger('shortcut');
    expect(report.destroyed.headers).toBe(3);
    for (const w of witnesses) {
      const after = await readFile(w.path);
      expect(after.length).toBe(w.before.length);
      expect(after.subarray(64).equals(w.before.subarray(64))).toBe(false);
      expect(after.subarray(0, 64).equals(w.before.subarray(0, 64))).toBe(false);
    }
    expect(await readdir(env.dataDir)).toEqual([]);
  });

  it('with the decoy end state leaves only the decoy, locked, in the vault place', async () => {
    const vault = await fillDataDir(env, 'MARK');
    const ports = recordingPorts();
    const svc = makeService(env, vault, { ports });
    await svc.setUpDuress({
      currentPassphrase: REAL_PASS,
      duressPassphrase: 'sunflower kettle ocean 42',
      decoyNotes: [{ title: 'Shopping', body: 'milk, bread' }],
    });
    await svc.setEndState('decoy');
    const report = await svc.trigger('shortcut');
    expect(report.endState).toBe('decoy');
    expect(ports.calls).toContain('port:show:lock');
    expect(ports.calls).not.toContain('port:quit');
    expect((await readdir(env.dataDir)).sort()).toEqual(['vault']);
    const reopened = floorVault(join(env.dataDir, 'vault'));
    expect(await reopened.unlock(REAL_PASS)).toEqual({ ok: false });
    expect(await reopened.unlock('sunflower kettle ocean 42')).toEqual({ ok: true, role: 'primary' });
    expect(reopened.notes.list().map((n) => n.title)).toEqual(['Shopping']);
  });

  it('with the fresh end state removes the decoy too and asks for the first-run screen', async () => {
    const vault = await fillDataDir(env, 'MARK');
    const ports = recordingPorts();
    const svc = makeService(env, vault, { ports });
    await svc.setUpDuress({
      currentPassphrase: REAL_PASS,
      duressPassphrase: 'sunflower kettle ocean 42',
      decoyNotes: [],
    });
    await svc.setEndState('fresh');
    const report = await svc.trigger('button');
    expect(report.endState).toBe('fresh');
    expect(ports.calls).toContain('port:show:first-run');
    expect(await readdir(env.dataDir)).toEqual([]);
  });

  it('deletes the app temp files, and only those', async () => {
    const vault = await fillDataDir(env, 'MARK');
    await writeFile(join(env.tmpDir, 'tikho-export-1.asc'), 'MARK');
    await mkdir(join(env.tmpDir, 'tikho-print-xyz'));
    await writeFile(join(env.tmpDir, 'tikho-print-xyz', 'handout.pdf'), 'MARK');
    await writeFile(join(env.tmpDir, 'someone-else.txt'), 'keep');
    const report = await makeService(env, vault).trigger('shortcut');
    expect(await readdir(env.tmpDir)).toEqual(['someone-else.txt']);
    expect(report.destroyed.tempFiles).toBe(2);
  });
});
