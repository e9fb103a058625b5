import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bundleNodeChild, nodeChildEnv, REPO_ROOT } from '../../../fixtures/nodeChild';
import { DURESS_PASS, REAL_PASS, floorVault, makeEnv, makeService, type Env } from './helpers';

const CHILD = join(REPO_ROOT, 'tests/fixtures/panic/duressMemoryChild.ts');

/** Every readable mapping of `pid`, searched for each needle; returns the needles found. */
function scanMemory(pid: number, needles: Buffer[]): string[] {
  const found = new Set<string>();
  const fd = openSync(`/proc/${pid}/mem`, 'r');
  try {
    for (const line of readFileSync(`/proc/${pid}/maps`, 'utf8').split('\n')) {
      const m = /^([0-9a-f]+)-([0-9a-f]+) (r)/.exec(line);
      if (!m || line.includes('[vvar]') || line.includes('[vsyscall]')) continue;
      const start = BigInt(`0x${m[1]}`);
      const end = BigInt(`0x${m[2]}`);
      // Overlap by the longest needle so a marker split across two reads is still seen.
      const step = 4n * 1024n * 1024n;
      const overlap = 64;
      for (let at = start; at < end; at += step) {
        const len = Number(end - at < step ? end - at : step);
        const buf = Buffer.alloc(len + overlap);
        let got = 0;
        try {
          got = readSync(fd, buf, 0, Math.min(len + overlap, Number(end - at)), at);
        } catch {
          continue; // guard pages and the like
        }
        const view = buf.subarray(0, got);
        for (const n of needles) if (view.includes(n)) found.add(n.toString('utf8'));
      }
    }
  } finally {
    closeSync(fd);
  }
  return [...found];
}

let env: Env;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => {
  await env.cleanup();
});

describe('process memory after a duress unlock', () => {
  it.skipIf(process.platform !== 'linux')(
    'holds no real note title or body (read from /proc/<pid>/mem of the child that unlocked)',
    async () => {
      const tag = randomBytes(6).toString('hex');
      const title = `RealTitle${tag}`;
      const body = `RealBody${tag}`;
      const vault = floorVault(join(env.dataDir, 'vault'));
      await vault.create(REAL_PASS, { withRecoveryCode: false });
      for (let i = 0; i < 5; i++)
        await vault.notes.create({ title: `${title}${i}`, body: `${body}${i}`, tags: [], pinned: false });
      const svc = makeService(env, vault);
      await svc.setUpDuress({
        currentPassphrase: REAL_PASS,
        duressPassphrase: DURESS_PASS,
        decoyNotes: [{ title: `Decoy${tag}`, body: 'milk' }],
      });
      await svc.setEndState('decoy');
      await vault.lock();

      const bundle = join(env.root, 'duressMemoryChild.cjs');
      await bundleNodeChild(CHILD, bundle);
      const child = spawn(process.execPath, ['--expose-gc', bundle, env.dataDir, env.tmpDir, DURESS_PASS], {
        env: nodeChildEnv(),
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      try {
        const line = await new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString('utf8');
            if (out.includes('\n')) resolve(out.trim());
          });
          child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
        });
        const report = JSON.parse(line) as { result: unknown; titles: string[] };
        expect(report.result).toEqual({ ok: true, role: 'primary' });
        expect(report.titles).toEqual([`Decoy${tag}`]);
        const pid = child.pid ?? 0;
        // The decoy's title must be found: proves the scan reads the heap where note text lives.
        const needles = [`Decoy${tag}`, title, body].map((s) => Buffer.from(s, 'utf8'));
        const utf16 = [title, body].map((s) => Buffer.from(s, 'utf16le'));
        const seen = scanMemory(pid, [...needles, ...utf16]);
        expect(seen).toContain(`Decoy${tag}`);
        expect(seen.filter((s) => !s.startsWith('Decoy'))).toEqual([]);
      } finally {
        child.stdin.end();
        child.kill('SIGKILL');
      }
    },
  );
});
