import { spawn } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASS, floorVault, tempDir } from './helpers';
import { bundleNodeChild, nodeChildEnv, REPO_ROOT } from '../../../fixtures/nodeChild';

const CHILD = resolve(__dirname, '../../../fixtures/vault/rotationChild.ts');
const OTHER = 'pebble tundra orchestra mellow signal cactus';

/**
 * Kill points. Before the header write (started … manifest) the old passphrase must open the
 * vault; from `committed` on (including the shredding, in the rotation and at the next unlock),
 * the new one.
 */
const STAGE_KILLS: { stage: string; count: number; committed: boolean }[] = [
  { stage: 'started', count: 1, committed: false },
  { stage: 'record', count: 1, committed: false },
  { stage: 'record', count: 4, committed: false },
  { stage: 'attachment', count: 1, committed: false },
  { stage: 'manifest', count: 1, committed: false },
  { stage: 'committed', count: 1, committed: true },
  { stage: 'shredded', count: 1, committed: true },
  { stage: 'shredded', count: 5, committed: true },
];
const RANDOM_KILLS = 12;

/** Runs the child; SIGKILLs it when it reports `at …`, or `delayMs` after `ready`. Returns stdout. */
function runAndKill(bundle: string, args: string[], delayMs: number | null): Promise<string> {
  return new Promise((done, reject) => {
    const child = spawn(process.execPath, [bundle, ...args], {
      cwd: REPO_ROOT,
      env: nodeChildEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString('utf8');
      if (delayMs === null && /^at \S+$/mu.test(out)) child.kill('SIGKILL');
      if (delayMs !== null && !armed && out.includes('ready\n')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
      if (out.includes('rotated')) child.kill('SIGKILL');
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') done(out);
      else reject(new Error(`child exited ${String(code)}: ${err.slice(0, 500)}`));
    });
  });
}

describe('key rotation crash safety', () => {
  let ctx: { dir: string; cleanup: () => Promise<void> };
  let bundle = '';
  beforeAll(async () => {
    ctx = await tempDir();
    bundle = join(ctx.dir, 'rotationChild.cjs');
    await bundleNodeChild(CHILD, bundle);
  });
  afterAll(async () => {
    await ctx.cleanup();
  });

  it('a SIGKILL at any stage leaves a vault that opens with the current passphrase and holds exactly the data', async () => {
    const vaultDir = join(ctx.dir, 'vault');
    const vault = floorVault(ctx.dir);
    await vault.create(PASS, { withRecoveryCode: false });
    const bodies = new Map<string, string>();
    for (let i = 0; i < 6; i++) {
      const n = await vault.notes.create({
        title: `n${i}`,
        body: `body ${i} ${'ж'.repeat(i * 300)}`,
        tags: [],
        pinned: false,
      });
      bodies.set(n.id, n.body);
    }
    const photo = Buffer.alloc(2 * 1024 * 1024 + 5, 0x42);
    const source = join(ctx.dir, 'photo.bin');
    await writeFile(source, photo);
    const firstNote = [...bodies.keys()][0] ?? '';
    const att = await vault.attachments.add(firstNote, {
      name: 'p.bin',
      mime: 'image/png',
      sourcePath: source,
    });
    await vault.lock();
    const recordCount = (await readdir(join(vaultDir, 'records'))).length;
    const passes = { a: PASS, b: OTHER };
    let current: 'a' | 'b' = 'a';
    const plan = [
      ...STAGE_KILLS.map((k) => ({ ...k, delay: null as number | null })),
      ...Array.from({ length: RANDOM_KILLS }, (_, i) => ({
        stage: '',
        count: 0,
        committed: null as boolean | null,
        delay: 40 + ((i * 37) % 400),
      })),
    ];
    let committedRuns = 0;
    let abandonedRuns = 0;
    for (const step of plan) {
      const args = [
        vaultDir,
        passes.a,
        passes.b,
        ...(step.delay === null ? [step.stage, String(step.count)] : []),
      ];
      const out = await runAndKill(bundle, args, step.delay);
      if (step.delay === null) expect(out).toContain(`at ${step.stage}`);
      const other: 'a' | 'b' = current === 'a' ? 'b' : 'a';
      const openedOld = (await vault.unlock(passes[current])).ok;
      const openedNew = openedOld ? false : (await vault.unlock(passes[other])).ok;
      // Exactly one passphrase opens it; which one is decided by the header write alone.
      expect(openedOld !== openedNew).toBe(true);
      if (step.committed !== null) expect(openedNew).toBe(step.committed);
      if (openedNew) {
        current = other;
        committedRuns++;
      } else abandonedRuns++;
      expect(vault.notes.list().filter((n) => n.damaged)).toEqual([]);
      expect(vault.notes.list()).toHaveLength(bodies.size);
      for (const [id, body] of bodies) expect(vault.notes.get(id).body).toBe(body);
      expect((await vault.attachments.read(att.id)).equals(photo)).toBe(true);
      // Nothing of the other generation is left: same file counts as before, no rotation manifest.
      expect(await readdir(join(vaultDir, 'records'))).toHaveLength(recordCount);
      expect(await readdir(join(vaultDir, 'attachments'))).toHaveLength(1);
      expect(await readdir(vaultDir)).not.toContain('manifest.next');
      await vault.lock();
    }
    // The stage kills alone guarantee both outcomes were exercised.
    expect(committedRuns).toBeGreaterThanOrEqual(3);
    expect(abandonedRuns).toBeGreaterThanOrEqual(5);
  }, 240_000);
});
