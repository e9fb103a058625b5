import { spawn } from 'node:child_process';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MARKER_FILE } from '../../../../electron/services/panic';
import { encodeMarker } from '../../../../electron/services/panic/wipeMarker';
import { REAL_PASS, fillDataDir, floorVault, makeEnv, makeService, type Env } from './helpers';
import { bundleNodeChild, nodeChildEnv, REPO_ROOT } from '../../../fixtures/nodeChild';

const CHILD = resolve(__dirname, '../../../fixtures/panic/wipeChild.ts');

let env: Env;
let bundleEnv: Env;
let bundle = '';
beforeAll(async () => {
  bundleEnv = await makeEnv();
  bundle = join(bundleEnv.root, 'wipeChild.cjs');
  await bundleNodeChild(CHILD, bundle);
});
afterAll(async () => {
  await bundleEnv.cleanup();
});
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => {
  await env.cleanup();
});

/** Runs the child until it reports step 2, then SIGKILLs it. */
function wipeAndKill(dataDir: string, tmpDir: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bundle, dataDir, tmpDir], {
      cwd: REPO_ROOT,
      env: nodeChildEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (out.includes('step-2\n')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolvePromise();
      else reject(new Error(`child exited ${String(code)}: ${err.slice(0, 500)}`));
    });
  });
}

describe('interrupted wipe', () => {
  it('killed after step 1: nothing opens, and the next start finishes the job', async () => {
    const vault = await fillDataDir(env, 'MARK');
    await vault.lock();
    expect((await readFile(join(env.dataDir, 'vault', 'index.bin'))).length).toBeGreaterThan(0);
    await wipeAndKill(env.dataDir, env.tmpDir);

    // Killed mid-plan: the data is still on disk, but the header is gone (both copies overwritten
    // with noise, then unlinked) and the journal is there.
    expect(await readdir(join(env.dataDir, 'vault'))).not.toContain('index.bin');
    expect(await readdir(env.dataDir)).toContain(MARKER_FILE);
    expect(await readdir(join(env.dataDir, 'vault', 'records'))).not.toEqual([]);
    const reopened = floorVault(join(env.dataDir, 'vault'));
    await expect(reopened.unlock(REAL_PASS)).rejects.toThrow();

    // Next start.
    const svc = makeService(env, floorVault(join(env.dataDir, 'vault')));
    const report = await svc.recoverInterruptedWipe();
    expect(report?.trigger).toBe('recovery');
    expect(report?.complete).toBe(true);
    expect(await readdir(env.dataDir)).toEqual([]);
    expect(await svc.recoverInterruptedWipe()).toBeNull();
  });

  it('a journal written just before step 1 (killed before the header was touched) leads to a full wipe at start', async () => {
    const vault = await fillDataDir(env, 'MARK');
    await vault.lock();
    await writeFile(join(env.dataDir, MARKER_FILE), encodeMarker({ endState: 'quit', stage: 1 }));
    const svc = makeService(env, floorVault(join(env.dataDir, 'vault')));
    const report = await svc.recoverInterruptedWipe();
    expect(report?.keysDestroyed).toBe(true);
    expect(report?.destroyed.headers).toBe(1);
    expect(await readdir(env.dataDir)).toEqual([]);
  });

  it('killed while the decoy was being moved in (stage 2): recovery keeps the decoy', async () => {
    const vault = await fillDataDir(env, 'MARK');
    const svc = makeService(env, vault);
    await svc.setUpDuress({
      currentPassphrase: REAL_PASS,
      duressPassphrase: 'sunflower kettle ocean 42',
      decoyNotes: [{ title: 'Shopping', body: 'milk' }],
    });
    await svc.setEndState('decoy');
    await vault.destroyKeyMaterial();
    // Simulate: real vault already detached and purged, decoy renamed in, journal still at stage 2.
    const { rename, rm } = await import('node:fs/promises');
    await rm(join(env.dataDir, 'vault'), { recursive: true });
    await rename(join(env.dataDir, 'spare'), join(env.dataDir, 'vault'));
    await writeFile(join(env.dataDir, MARKER_FILE), encodeMarker({ endState: 'decoy', stage: 2 }));
    const fresh = floorVault(join(env.dataDir, 'vault'));
    const report = await makeService(env, fresh).recoverInterruptedWipe();
    expect(report?.endState).toBe('decoy');
    expect(await readdir(env.dataDir)).toEqual(['vault']);
    expect(await fresh.unlock('sunflower kettle ocean 42')).toEqual({ ok: true, role: 'primary' });
  });

  it('removes a drill copy a crash left in the temp folder, header first', async () => {
    const vault = await fillDataDir(env, 'MARK');
    const { cp } = await import('node:fs/promises');
    const copy = join(env.tmpDir, 'tikho-drill-0011223344556677', 'data');
    await cp(env.dataDir, copy, { recursive: true });
    expect(await makeService(env, vault).recoverInterruptedWipe()).toBeNull();
    expect(await readdir(env.tmpDir)).toEqual([]);
  });
});
