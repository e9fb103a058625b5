import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

/**
 * `npm run fuzz [-- RUNS]`: the fuzz targets of `npm test`, many more cases and a new seed each
 * time. A failure prints the seed; put it in TIKHO_FUZZ_SEED to replay it, then make the input a
 * regression test beside the parser's own tests.
 */
const runs = process.argv[2] ?? '20000';
const seed = process.env.TIKHO_FUZZ_SEED ?? String(randomInt(2 ** 31));
process.stdout.write(`fuzz: ${runs} cases per target, seed ${seed}\n`);
const result = spawnSync('npx', ['vitest', 'run', '.fuzz.test.ts', '--testTimeout', '0'], {
  stdio: 'inherit',
  env: { ...process.env, TIKHO_FUZZ_RUNS: runs, TIKHO_FUZZ_SEED: seed },
});
process.exit(result.status ?? 1);
