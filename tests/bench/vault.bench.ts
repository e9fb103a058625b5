import { execFileSync } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveKek } from '../../electron/services/vault/keyDerivation';
import { KDF_DEFAULTS } from '../../electron/services/vault/formatConstants';
import { createVaultService } from '../../electron/services/vault/vaultService';
import type { BenchRow, BenchSuite } from './types';

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? NaN;
};
const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN;
};
const now = (): number => performance.now();
const PASS = 'bench passphrase 1';
const body2k = (i: number): string => `Заметка ${i} `.repeat(120).slice(0, 2000);

export const suite: BenchSuite = {
  name: 'vault',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const root = await mkdtemp(join(tmpdir(), 'tikho-bench-'));
    try {
      // KDF at the defaults vs the reference CLI, same parameters.
      const salt = Buffer.from('benchsaltbench16', 'ascii');
      const ours: number[] = [];
      const cli: number[] = [];
      for (let i = 0; i < 3; i++) {
        let t = now();
        await deriveKek(PASS, salt, KDF_DEFAULTS);
        ours.push(now() - t);
        t = now();
        execFileSync('/usr/bin/argon2', [salt.toString(), '-id', '-k', String(KDF_DEFAULTS.memoryKiB), '-t', String(KDF_DEFAULTS.iterations), '-p', '1', '-l', '32', '-r'], { input: PASS });
        cli.push(now() - t);
      }
      const kdf = median(ours);
      rows.push({ suite: 'vault', metric: 'KDF Argon2id m=64MiB t=3 p=1', value: kdf, unit: 'ms', peer: { name: 'argon2 CLI', value: median(cli) }, ratio: kdf / median(cli), target: '≤ 1.3× peer', pass: kdf / median(cli) <= 1.3 });

      const dir = join(root, 'vault');
      const v = createVaultService({ dir, kdf: { ...KDF_DEFAULTS } });
      await v.create(PASS, { withRecoveryCode: false });
      const ids: string[] = [];
      for (const target of [1000, 10_000]) {
        while (ids.length < target) ids.push((await v.notes.create({ title: `note ${ids.length}`, body: body2k(ids.length), tags: ['bench'], pinned: false })).id);
        const rest: number[] = [];
        for (let r = 0; r < 3; r++) {
          await v.lock();
          const t = now();
          await v.unlock(PASS);
          rest.push(now() - t - kdf);
        }
        const value = median(rest);
        rows.push({ suite: 'vault', metric: `unlock minus KDF, ${target} notes of 2 KB`, value, unit: 'ms', ...(target === 10_000 ? { target: '≤ 300 ms', pass: value <= 300 } : {}) });
      }
      const save: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t = now();
        await v.notes.update(ids[i % ids.length] ?? '', { body: body2k(i + 1) });
        save.push(now() - t);
      }
      rows.push({ suite: 'vault', metric: 'save p50 (10 000 notes)', value: pct(save, 0.5), unit: 'ms', target: '≤ 15 ms', pass: pct(save, 0.5) <= 15 });
      rows.push({ suite: 'vault', metric: 'save p99 (10 000 notes)', value: pct(save, 0.99), unit: 'ms' });
      const search: number[] = [];
      for (const q of ['заметка 9999', 'ЗАМЕТКА', 'note 123', 'nothing-matches', 'заметка 5']) {
        for (let i = 0; i < 5; i++) {
          const t = now();
          v.notes.search(q);
          search.push(now() - t);
        }
      }
      rows.push({ suite: 'vault', metric: 'search p50, 10 000 notes', value: median(search), unit: 'ms', target: '≤ 20 ms', pass: median(search) <= 20 });
      await v.lock();
      global.gc?.();
      const before = process.memoryUsage();
      await v.unlock(PASS);
      global.gc?.();
      const after = process.memoryUsage();
      rows.push({ suite: 'vault', metric: 'heapUsed delta, 10 000 notes unlocked', value: (after.heapUsed - before.heapUsed) / 2 ** 20, unit: 'MiB' });
      rows.push({ suite: 'vault', metric: 'rss delta, 10 000 notes unlocked', value: (after.rss - before.rss) / 2 ** 20, unit: 'MiB' });

      // Attachments: 100 MB through the vault vs raw AES-256-GCM (ceiling) and gpg --symmetric.
      const size = 100 * 1024 * 1024;
      const src = join(root, 'att.bin');
      const data = randomBytes(size);
      await writeFile(src, data);
      const n = await v.notes.create({ title: 'att', body: '', tags: [], pinned: false });
      let t = now();
      const a = await v.attachments.add(n.id, { name: 'a', mime: 'application/octet-stream', sourcePath: src });
      const enc = size / 2 ** 20 / ((now() - t) / 1000);
      t = now();
      await v.attachments.read(a.id);
      const dec = size / 2 ** 20 / ((now() - t) / 1000);
      t = now();
      const c = createCipheriv('aes-256-gcm', randomBytes(32), randomBytes(12));
      for (let o = 0; o < size; o += 1 << 20) c.update(data.subarray(o, o + (1 << 20)));
      c.final();
      const raw = size / 2 ** 20 / ((now() - t) / 1000);
      t = now();
      execFileSync('/usr/bin/gpg', ['--batch', '--yes', '--pinentry-mode', 'loopback', '--passphrase', 'x', '--compress-algo', 'none', '--homedir', root, '-o', join(root, 'att.gpg'), '--symmetric', src], { stdio: 'ignore' });
      const gpg = size / 2 ** 20 / ((now() - t) / 1000);
      rows.push({ suite: 'vault', metric: 'attachment encrypt 100 MB (file → vault)', value: enc, unit: 'MB/s', peer: { name: 'raw AES-256-GCM in memory', value: raw }, ratio: raw / enc, target: '≥ 50% of raw AES-GCM', pass: enc >= raw / 2 });
      rows.push({ suite: 'vault', metric: 'attachment encrypt 100 MB vs gpg --symmetric', value: enc, unit: 'MB/s', peer: { name: 'gpg --symmetric', value: gpg }, ratio: gpg / enc });
      rows.push({ suite: 'vault', metric: 'attachment decrypt 100 MB (vault → memory)', value: dec, unit: 'MB/s', peer: { name: 'raw AES-256-GCM in memory', value: raw }, ratio: raw / dec, target: '≥ 50% of raw AES-GCM', pass: dec >= raw / 2 });
      await v.lock();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
    return rows;
  },
};
