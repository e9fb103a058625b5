import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASS, floorVault, tempDir } from './helpers';
import { bundleNodeChild, nodeChildEnv, REPO_ROOT } from '../../../fixtures/nodeChild';

const CHILD = resolve(__dirname, '../../../fixtures/vault/crashChild.ts');
const KILLS = 100;

/**
 * Runs the child until its save loop acknowledged a first save, waits a random moment, SIGKILLs it;
 * returns its stdout. Arming on the first save (not on `ready`) keeps every kill inside the loop even
 * when a loaded CI machine makes the child's unlock and first write slower than the random delay.
 */
function runAndKill(bundle: string, dir: string, delayMs: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bundle, dir, PASS], {
      cwd: REPO_ROOT,
      env: nodeChildEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (!armed && /^ok /mu.test(out)) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolvePromise(out);
      else reject(new Error(`child exited ${String(code)}: ${err.slice(0, 500)}`));
    });
  });
}

describe('crash safety', () => {
  let ctx: { dir: string; cleanup: () => Promise<void> };
  let bundle = '';
  beforeAll(async () => {
    ctx = await tempDir();
    // One CommonJS bundle of the real vault code (the native argon2 stays external, found via
    // NODE_PATH) so each of the 100 children starts in tens of ms instead of compiling TS.
    bundle = join(ctx.dir, 'crashChild.cjs');
    await bundleNodeChild(CHILD, bundle);
  });
  afterAll(async () => {
    await ctx.cleanup();
  });

  it(`after ${KILLS} SIGKILLs at random moments every note is its old or new version, never damaged or missing`, async () => {
    const vault = floorVault(ctx.dir);
    await vault.create(PASS, { withRecoveryCode: false });
    const expected = new Map<string, number>();
    for (let i = 0; i < 4; i++) {
      const n = await vault.notes.create({ title: `crash-${i}`, body: 'v0', tags: [], pinned: false });
      expected.set(n.id, 0);
    }
    await vault.lock();
    const vaultDir = join(ctx.dir, 'vault');
    const created = new Set<string>();
    for (let k = 0; k < KILLS; k++) {
      const out = await runAndKill(bundle, vaultDir, Math.floor(Math.random() * 40));
      for (const line of out.split('\n')) {
        const m = /^ok (\S+) (\d+)$/u.exec(line);
        if (m?.[1] && m[2]) {
          expected.set(m[1], Number(m[2]));
        }
        const c = /^created (\S+)$/u.exec(line);
        if (c?.[1]) created.add(c[1]);
      }
      const r = await vault.unlock(PASS);
      expect(r.ok).toBe(true);
      const list = vault.notes.list();
      expect(list.filter((n) => n.damaged)).toEqual([]);
      for (const [id, version] of expected) {
        const body = vault.notes.get(id).body;
        const actual = Number(/v(\d+)$/u.exec(body)?.[1]);
        // Acknowledged saves are durable; the one in flight may or may not have landed.
        expect([version, version + 1]).toContain(actual);
        expected.set(id, actual);
      }
      for (const id of created) expect(vault.notes.get(id).body).toBe('fresh');
      await vault.lock();
    }
  }, 150_000);
});
