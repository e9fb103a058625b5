import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  REAL_PASS,
  allFiles,
  fillDataDir,
  floorVault,
  makeEnv,
  makeService,
  recordingPorts,
  type Env,
} from './helpers';

let env: Env;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => {
  await env.cleanup();
});

async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const f of await allFiles(dir)) out.set(f, (await readFile(f)).toString('base64'));
  return out;
}

describe('drill', () => {
  it('runs the same plan on a copy, reports steps, counts and timings, and leaves the real data untouched', async () => {
    const vault = await fillDataDir(env, 'MARK');
    const src = join(env.root, 'photo.bin');
    await writeFile(src, Buffer.alloc(100_000, 0xab));
    const note = vault.notes.list()[0];
    if (!note) throw new Error('no note');
    await vault.attachments.add(note.id, {
      name: 'photo.bin',
      mime: 'application/octet-stream',
      sourcePath: src,
    });
    await writeFile(join(env.tmpDir, 'tikho-export.asc'), 'real temp file');
    const before = await snapshot(env.dataDir);
    const ports = recordingPorts();
    const svc = makeService(env, vault, { ports });

    const report = await svc.drill();

    expect(report.drill).toBe(true);
    expect(report.keysDestroyed).toBe(true);
    expect(report.complete).toBe(true);
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
    for (const s of report.steps) expect(s.ms).toBeGreaterThanOrEqual(0);
    expect(report.steps.filter((s) => s.simulated).map((s) => s.step)).toEqual([
      'clear-session',
      'clear-recent',
      'reset-app-state',
      'delete-temp',
      'clear-clipboard',
      'end-state',
    ]);
    expect(report.destroyed.notes).toBe(3);
    expect(report.destroyed.attachments).toBe(1);
    // 3 notes + attachment metadata + slot map (vault-meta), at least.
    expect(report.destroyed.records).toBeGreaterThanOrEqual(5);
    expect(report.destroyed.headers).toBe(1);
    expect(report.destroyed.tempFiles).toBe(1);
    expect(report.destroyed.bytes).toBeGreaterThan(100_000);
    expect(report.destroyed.files).toBeGreaterThanOrEqual(
      report.destroyed.records + report.destroyed.attachments + 4,
    );

    // Real data untouched, ports never called, temp file kept, no copy left behind.
    expect(await snapshot(env.dataDir)).toEqual(before);
    expect(ports.calls).toEqual([]);
    expect(await readdir(env.tmpDir)).toEqual(['tikho-export.asc']);
    expect(vault.isUnlocked()).toBe(true);
    await vault.lock();
    expect(await floorVault(join(env.dataDir, 'vault')).unlock(REAL_PASS)).toEqual({
      ok: true,
      role: 'primary',
    });
  });
});
