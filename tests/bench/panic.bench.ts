import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPanicService } from '../../electron/services/panic';
import { createVaultService } from '../../electron/services/vault/vaultService';
import { median } from './stats';
import type { BenchRow, BenchSuite } from './types';

/**
 * Panic wipe: time to key destruction (journal + header overwrite + fsync) and to a complete wipe,
 * beside `rm -rf` of an identical folder in the same run.
 *
 * How the folders are made: the vault itself (header, manifest, slot map) is created through the
 * real vault API; the note record files are then written DIRECTLY as random files of the size a
 * ~600-byte note takes on disk (1 054 bytes: the 1 KiB padding bucket + framing), and attachments
 * as random files summing to 1 GiB. Writing 100 000 notes through the API (one atomic write with
 * two fsyncs each) would take many minutes; the wipe never decrypts, so random bytes of the right
 * sizes and count are an identical workload for it.
 */
const FLOOR_KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const RECORD_BYTES = 1054;

interface Shape {
  label: string;
  notes: number;
  attachmentBytes: number;
  reps: number;
}

async function buildDataDir(dir: string, shape: Shape): Promise<void> {
  const vault = createVaultService({ dir: join(dir, 'vault'), kdf: FLOOR_KDF });
  await vault.create('bench passphrase 1', { withRecoveryCode: false });
  await vault.lock();
  const records = join(dir, 'vault', 'records');
  const blob = randomBytes(RECORD_BYTES);
  const names = Array.from({ length: shape.notes }, () => randomBytes(32).toString('hex'));
  for (let i = 0; i < names.length; i += 256)
    await Promise.all(names.slice(i, i + 256).map((n) => writeFile(join(records, n), blob)));
  const chunk = 64 * 1024 * 1024;
  const big = randomBytes(chunk);
  for (let left = shape.attachmentBytes; left > 0; left -= chunk)
    await writeFile(join(dir, 'vault', 'attachments', randomBytes(32).toString('hex')), big.subarray(0, Math.min(chunk, left)));
  await writeFile(join(dir, 'settings.json'), '{"language":"ru"}');
  for (const sub of ['Cache/Cache_Data', 'Local Storage/leveldb', 'Code Cache/js', 'GPUCache'])
    await mkdir(join(dir, sub), { recursive: true });
  for (let i = 0; i < 50; i++) await writeFile(join(dir, 'Cache/Cache_Data', `f_${i}`), randomBytes(8192));
}

async function wipeOnce(dataDir: string, tmp: string): Promise<{ keysMs: number; totalMs: number; complete: boolean }> {
  const vault = createVaultService({ dir: join(dataDir, 'vault'), kdf: FLOOR_KDF });
  const panic = createPanicService({
    dataDir,
    vault,
    tmpDir: tmp,
    ports: {
      clearSessionData: () => Promise.resolve(),
      clearRecentDocuments: () => Promise.resolve(),
      clipboard: { clearIfOwned: () => false },
    },
  });
  const t0 = performance.now();
  const report = await panic.trigger('shortcut');
  return { keysMs: report.keysDestroyedMs, totalMs: performance.now() - t0, complete: report.complete };
}

function rmRf(dir: string): number {
  const t0 = performance.now();
  execFileSync('rm', ['-rf', dir]);
  return performance.now() - t0;
}

export const suite: BenchSuite = {
  name: 'panic',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const root = await mkdtemp(join(tmpdir(), 'bench-panic-'));
    const tmp = join(root, 'tmp');
    await mkdir(tmp);
    const shapes: Shape[] = [
      { label: '100 notes', notes: 100, attachmentBytes: 0, reps: 5 },
      { label: '10 000 notes', notes: 10_000, attachmentBytes: 0, reps: 3 },
      { label: '100 000 notes', notes: 100_000, attachmentBytes: 0, reps: 1 },
      { label: '100 notes + 1 GiB attachments', notes: 100, attachmentBytes: 1024 ** 3, reps: 1 },
    ];
    try {
      for (const shape of shapes) {
        const keys: number[] = [];
        const totals: number[] = [];
        const rms: number[] = [];
        let complete = true;
        for (let r = 0; r < shape.reps; r++) {
          const a = join(root, `a${r}`, 'data');
          const b = join(root, `b${r}`, 'data');
          await buildDataDir(a, shape);
          await buildDataDir(b, shape);
          // Flush both to disk first so neither side pays for the other's write-back.
          execFileSync('sync');
          // Alternate which goes first, so page-cache warmth does not favour one side.
          if (r % 2 === 0) {
            const w = await wipeOnce(a, tmp);
            rms.push(rmRf(b));
            keys.push(w.keysMs);
            totals.push(w.totalMs);
            complete &&= w.complete;
          } else {
            rms.push(rmRf(b));
            const w = await wipeOnce(a, tmp);
            keys.push(w.keysMs);
            totals.push(w.totalMs);
            complete &&= w.complete;
          }
          await rm(join(root, `a${r}`), { recursive: true, force: true });
          await rm(join(root, `b${r}`), { recursive: true, force: true });
        }
        const k = median(keys);
        const t = median(totals);
        const rr = median(rms);
        rows.push({
          suite: 'panic',
          metric: `key destruction (step 1 fsynced), ${shape.label}`,
          value: k,
          unit: 'ms',
          target: '≤ 50 ms',
          pass: k <= 50,
        });
        rows.push({
          suite: 'panic',
          metric: `complete wipe, ${shape.label}${complete ? '' : ' (INCOMPLETE)'}`,
          value: t,
          unit: 'ms',
          peer: { name: 'rm -rf', value: rr },
          ratio: t / rr,
          target: '≤ 1.5× peer',
          pass: complete && t / rr <= 1.5,
        });
      }
    } finally {
      await rm(root, { recursive: true, force: true });
    }
    return rows;
  },
};
