import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Runs Electronegativity against the Electron code with the project's Electron version and fails
 * on any finding of medium severity or higher that the reviewed allow-list does not explain.
 * Electronegativity itself exits 0 even with findings, so its CSV is parsed here.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const SEVERE = new Set(['MEDIUM', 'HIGH', 'CRITICAL']);

interface AllowEntry {
  check: string;
  file: string;
  reason: string;
}

function parseCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  devDependencies: Record<string, string>;
};
const electronVersion = pkg.devDependencies.electron ?? '';
const allow = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'security/electronegativity-allowlist.json'), 'utf8')) as {
    entries: AllowEntry[];
  }
).entries;

const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-audit-')), 'findings.csv');
const bin = path.join(ROOT, 'node_modules/@doyensec/electronegativity/dist/index.js');
let findings: { check: string; severity: string; file: string; location: string }[] = [];
// The renderer's HTML carries a CSP placeholder filled at build time from shared/csp.ts, whose
// string tests/unit/main/security/guards.security.test.ts pins; the global checks need main's handlers.
for (const input of ['electron']) {
  const run = spawnSync(process.execPath, [bin, '-i', input, '-o', out, '-r', '-e', electronVersion], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (run.status !== 0 || !fs.existsSync(out)) {
    console.error(run.stdout, run.stderr);
    console.error('electronegativity did not run');
    process.exit(1);
  }
  const rows = fs.readFileSync(out, 'utf8').split('\n').slice(1).filter(Boolean).map(parseCsvLine);
  findings = findings.concat(
    rows
      .filter((r) => r.length >= 5)
      .map((r) => ({
        check: r[0] ?? '',
        severity: (r[1] ?? '').toUpperCase(),
        file: r[3] ?? '',
        location: r[4] ?? '',
      })),
  );
  fs.rmSync(out, { force: true });
}

const severe = findings.filter((f) => SEVERE.has(f.severity));
const unexplained = severe.filter((f) => !allow.some((a) => a.check === f.check && a.file === f.file));
const stale = allow.filter((a) => !severe.some((f) => f.check === a.check && f.file === a.file));

console.log(
  `electronegativity -e ${electronVersion}: ${findings.length} findings, ${severe.length} medium or higher`,
);
for (const f of severe) {
  const entry = allow.find((a) => a.check === f.check && a.file === f.file);
  console.log(`  ${entry ? 'allowed' : 'NOT ALLOWED'}  ${f.severity} ${f.check} ${f.file}:${f.location}`);
}
for (const a of stale) console.log(`  stale allow-list entry (no longer found): ${a.check} ${a.file}`);
if (unexplained.length > 0 || stale.length > 0) {
  console.error('Electron security audit failed: fix the findings or review the allow-list with a reason.');
  process.exit(1);
}
console.log('Electron security audit passed.');
