import { spawn } from 'node:child_process';
import { cp, link, readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVaultService } from '../../../../electron/services/vault/vaultService';
import { bundleNodeChild, nodeChildEnv, REPO_ROOT } from '../../../fixtures/nodeChild';
import { allFiles, tempDir } from './helpers';

/** Made by the format-1 code (commit "Fixture: a format-1 vault …"); never rewritten. */
const FIXTURE = resolve(__dirname, '../../../fixtures/vault/format1');
const CHILD = resolve(__dirname, '../../../fixtures/vault/migrateChild.ts');
const MAGIC = Buffer.from('TIKHOVLT', 'ascii');

interface Secrets {
  passphrase: string;
  duress: string;
  recoveryWords: string[];
  notes: number;
  marker: string;
}

let ctx: { dir: string; cleanup: () => Promise<void> };
let secrets: Secrets;
let bundle = '';
let copies = 0;

beforeAll(async () => {
  ctx = await tempDir();
  secrets = JSON.parse(await readFile(join(FIXTURE, 'secrets.json'), 'utf8')) as Secrets;
  bundle = join(ctx.dir, 'migrateChild.cjs');
  await bundleNodeChild(CHILD, bundle);
});
afterAll(async () => {
  await ctx.cleanup();
});

async function freshCopy(): Promise<string> {
  const dir = join(ctx.dir, `v${copies++}`);
  await cp(join(FIXTURE, 'vault'), dir, { recursive: true });
  return dir;
}

/** Runs the child; resolves with how it ended: 'killed' (its own SIGKILL) or its printed op count. */
function runChild(dir: string, killAt: number): Promise<{ killed: boolean; ops: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [bundle, dir, secrets.passphrase, String(killAt)], {
      cwd: REPO_ROOT,
      env: nodeChildEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') done({ killed: true, ops: 0 });
      else if (code === 0) done({ killed: false, ops: Number(/ops (\d+)/u.exec(out)?.[1] ?? NaN) });
      else fail(new Error(`child exited ${String(code)}: ${err.slice(0, 500)}`));
    });
  });
}

/** The folder opens with every secret the format-1 vault had, and is format 2 only. */
async function expectFormat2WithEverything(dir: string): Promise<void> {
  const v = createVaultService({ dir });
  expect(await v.unlock(secrets.passphrase)).toEqual({ ok: true, role: 'primary' });
  const list = v.notes.list();
  expect(list).toHaveLength(secrets.notes);
  await v.notes.loaded();
  for (const n of list) expect(v.notes.get(n.id).body).toContain(secrets.marker);
  await v.lock();
  const names = await readdir(dir);
  expect(names).toContain('index.bin');
  expect(names).not.toContain('vault.header');
  expect(names.filter((n) => n.startsWith('.tmp-'))).toEqual([]);
  for (const f of await allFiles(dir)) expect((await readFile(f)).includes(MAGIC)).toBe(false);
  expect(await v.unlockWithRecoveryCode(secrets.recoveryWords.join(' '))).toEqual({
    ok: true,
    role: 'recovery',
  });
  await v.lock();
  expect(await v.unlock(secrets.duress)).toEqual({ ok: true, role: 'duress' });
}

describe('format 1 → 2 migration', () => {
  it('the fixture is format 1 (magic in clear), made by the format-1 code', async () => {
    const header = await readFile(join(FIXTURE, 'vault', 'vault.header'));
    expect(header.subarray(0, 8).equals(MAGIC)).toBe(true);
    expect(header.readUInt16BE(8)).toBe(1);
  });

  it('unlock converts it; the old header inode is overwritten with random bytes before the unlink', async () => {
    const dir = await freshCopy();
    const before = await readFile(join(dir, 'vault.header'));
    // A second name for the old header's inode shows what its blocks hold after the unlink.
    const oldInode = join(ctx.dir, `old-inode-${copies}`);
    await link(join(dir, 'vault.header'), oldInode);
    await expectFormat2WithEverything(dir);
    const after = await readFile(oldInode);
    expect(after.length).toBe(before.length);
    expect(after.includes(MAGIC)).toBe(false);
    expect(after.subarray(64, 320).equals(before.subarray(64, 320))).toBe(false);
  });

  it('a SIGKILL at every header file operation of the conversion leaves a vault that opens and ends in format 2', async () => {
    const clean = await runChild(await freshCopy(), 0);
    expect(clean.killed).toBe(false);
    // open/write/sync/rename of the new file, wipe of the old one: a dozen or so operations.
    expect(clean.ops).toBeGreaterThan(5);
    for (let k = 1; k <= clean.ops; k++) {
      const dir = await freshCopy();
      const run = await runChild(dir, k);
      expect(run.killed).toBe(true);
      await expectFormat2WithEverything(dir);
    }
  }, 300_000);

  it('a SIGKILL a random moment into the unlock, ten times, never loses the vault', async () => {
    for (let i = 0; i < 10; i++) {
      const dir = await freshCopy();
      await new Promise<void>((done, fail) => {
        const child = spawn(process.execPath, [bundle, dir, secrets.passphrase, '0'], {
          cwd: REPO_ROOT,
          env: nodeChildEnv(),
          stdio: 'ignore',
        });
        const timer = setTimeout(() => child.kill('SIGKILL'), Math.floor(Math.random() * 150));
        child.on('exit', () => {
          clearTimeout(timer);
          done();
        });
        child.on('error', fail);
      });
      await expectFormat2WithEverything(dir);
    }
  }, 180_000);
});
