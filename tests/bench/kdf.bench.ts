import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calibrateKdf } from '../../electron/services/vault/kdfCalibration';
import type { KdfParams } from '../../electron/services/vault/kdfParams';
import { createVaultService } from '../../electron/services/vault/vaultService';
import { median } from './stats';
import type { BenchRow, BenchSuite } from './types';

/**
 * Issue 11: unlock with the Argon2id parameters calibrated on this computer, beside the reference
 * argon2 CLI (Debian's `argon2`, the C implementation) run at the same m, t and p in the same run.
 * The KDF share of each unlock is what the CLI is compared with; the whole unlock is reported too.
 */
const PASS = 'bench passphrase calibrated';
const RUNS = 3;
const now = (): number => performance.now();

function cliMs(params: KdfParams): number {
  const started = now();
  execFileSync(
    '/usr/bin/argon2',
    [
      'benchsaltbench16',
      '-id',
      '-k',
      String(params.memoryKiB),
      '-t',
      String(params.iterations),
      '-p',
      String(params.parallelism),
      '-l',
      '32',
      '-r',
    ],
    { input: PASS },
  );
  return now() - started;
}

export const suite: BenchSuite = {
  name: 'kdf',
  async run(): Promise<BenchRow[]> {
    const started = now();
    const calibration = await calibrateKdf();
    const calibrationMs = now() - started;
    const { params } = calibration;
    const label = `m=${params.memoryKiB / 1024}MiB t=${params.iterations} p=${params.parallelism}`;
    const root = await mkdtemp(join(tmpdir(), 'tikho-bench-kdf-'));
    try {
      let lastKdf = NaN;
      const v = createVaultService({
        dir: join(root, 'vault'),
        kdf: params,
        onUnlockTiming: (x) => {
          lastKdf = x.kdfMs;
        },
      });
      await v.create(PASS, { withRecoveryCode: false });
      const kdf: number[] = [];
      const unlock: number[] = [];
      const cli: number[] = [];
      // Interleaved, so both see the same state of a shared machine.
      for (let r = 0; r < RUNS; r++) {
        await v.lock();
        const t = now();
        await v.unlock(PASS);
        unlock.push(now() - t);
        kdf.push(lastKdf);
        cli.push(cliMs(params));
      }
      await v.lock();
      const ratio = median(kdf) / median(cli);
      return [
        {
          suite: 'kdf',
          metric: `calibration (${calibration.reason}) → ${label}`,
          value: calibrationMs,
          unit: 'ms',
        },
        {
          suite: 'kdf',
          metric: `KDF of an unlock, calibrated ${label}`,
          value: median(kdf),
          unit: 'ms',
          peer: { name: 'argon2 CLI', value: median(cli) },
          ratio,
          target: '≥ 1000 ms, ≤ 1.3× peer',
          pass: median(kdf) >= 1000 && ratio <= 1.3,
          runRatios: kdf.map((k, i) => k / (cli[i] ?? NaN)),
        },
        {
          suite: 'kdf',
          metric: `whole unlock (empty vault), calibrated ${label}`,
          value: median(unlock),
          unit: 'ms',
          peer: { name: 'argon2 CLI', value: median(cli) },
          ratio: median(unlock) / median(cli),
        },
      ];
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  },
};
