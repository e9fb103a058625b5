import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { settleDisk } from '../tests/bench/settleDisk';
import type { BenchRow, BenchSuite } from '../tests/bench/types';

/**
 * npm run bench [-- suite …]: runs every tests/bench/*.bench.ts suite in this one process, prints
 * one table and writes bench/results.json. Each figure sits beside a peer measured in the same
 * run (GnuPG, the argon2 CLI, rm -rf, raw AES-GCM), so the ratio means something on any machine.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const only = new Set(process.argv.slice(2));
const files = fs
  .readdirSync(path.join(ROOT, 'tests/bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();

const rows: BenchRow[] = [];
for (const file of files) {
  if (only.size > 0 && !only.has(file.replace(/\.bench\.ts$/, ''))) continue;
  const mod = (await import(path.join(ROOT, 'tests/bench', file))) as { suite?: BenchSuite };
  const suite = mod.suite;
  if (!suite || (only.size > 0 && !only.has(suite.name))) continue;
  process.stderr.write(`bench: ${suite.name}…\n`);
  settleDisk();
  const started = Date.now();
  rows.push(...(await suite.run()));
  process.stderr.write(`bench: ${suite.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

const fmt = (n: number | undefined): string =>
  n === undefined ? '' : Math.abs(n) >= 100 ? n.toFixed(0) : Math.abs(n) >= 10 ? n.toFixed(1) : n.toFixed(2);
const table = rows.map((r) => ({
  suite: r.suite,
  metric: r.metric,
  value: `${fmt(r.value)} ${r.unit}`,
  peer: r.peer ? `${r.peer.name}: ${fmt(r.peer.value)} ${r.unit}` : '',
  ratio: r.ratio === undefined ? '' : `${fmt(r.ratio)}×`,
  target: r.target ?? '',
  pass: r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
}));
console.table(table);
for (const r of rows.filter((x) => x.runRatios))
  console.log(`${r.metric}: per-run ratios ${(r.runRatios ?? []).map((x) => `${fmt(x)}×`).join(' ')}`);

fs.mkdirSync(path.join(ROOT, 'bench'), { recursive: true });
fs.writeFileSync(
  path.join(ROOT, 'bench/results.json'),
  `${JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        model: os.cpus()[0]?.model ?? '',
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
      },
      rows,
    },
    null,
    2,
  )}\n`,
);
const failed = rows.filter((r) => r.pass === false);
console.log(`${rows.length} figures; ${failed.length} miss their target. Written to bench/results.json`);
