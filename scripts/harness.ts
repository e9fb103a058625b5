import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { resolveLanguage } from '../electron/services/i18n/resolveLanguage';
import { startHarness } from './harness/server';

/**
 * npm run harness -- [--data-dir DIR] [--port N] [--lang en|ru|uk] [--profile user|desk|practice]
 *   [--clock-days-ahead N] [--refuse-panic-shortcut] [--calibrate-kdf]
 * Prints exactly one line `READY <url>` once serving; Ctrl-C or SIGTERM stops it.
 */
const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    port: { type: 'string', default: '0' },
    lang: { type: 'string' },
    'downloads-dir': { type: 'string' },
    profile: { type: 'string', default: 'user' },
    // Plays a laptop kept switched off for N days (the dead-man wipe's e2e test).
    'clock-days-ahead': { type: 'string', default: '0' },
    // Plays an OS that refuses the panic shortcut (the warning's e2e test).
    'refuse-panic-shortcut': { type: 'boolean', default: false },
    // Argon2id calibrated on this computer, as in the app (the "preparing protection" e2e test).
    'calibrate-kdf': { type: 'boolean', default: false },
  },
});

const rendererDir = path.join(root, 'out/renderer');
if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
  const built = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// Built in memory: several harnesses (parallel e2e workers) must not race on one output folder.
const bridgeBuild = await build({
  configFile: false,
  logLevel: 'silent',
  build: {
    write: false,
    minify: false,
    lib: {
      entry: path.join(root, 'scripts/harness/bridgeClient.ts'),
      formats: ['iife'],
      name: 'tikhoBridge',
      fileName: () => 'bridge.js',
    },
  },
});
const bridgeOutputs = (Array.isArray(bridgeBuild) ? bridgeBuild : [bridgeBuild]) as {
  output: { type: string; code?: string }[];
}[];
const bridgeCode = bridgeOutputs.flatMap((b) => b.output).find((o) => o.type === 'chunk')?.code;
if (!bridgeCode) throw new Error('harness: the bridge did not build');

const tempDir = values['data-dir'] ? null : fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-harness-'));
const dataDir = values['data-dir'] ? path.resolve(values['data-dir']) : (tempDir as string);
fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });

const downloadsDir = values['downloads-dir']
  ? path.resolve(values['downloads-dir'])
  : fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-harness-downloads-'));
fs.mkdirSync(downloadsDir, { recursive: true });

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const systemLanguage = resolveLanguage(
  [values.lang, process.env.LC_ALL, process.env.LANG, Intl.DateTimeFormat().resolvedOptions().locale].filter(
    (v): v is string => typeof v === 'string' && v.length > 0,
  ),
);

const harness = await startHarness({
  rendererDir,
  resourcesDir: path.join(root, 'resources'),
  downloadsDir,
  bridgeCode,
  dataDir,
  port: Number(values.port),
  systemLanguage,
  version: pkg.version,
  profile: values.profile === 'desk' ? 'desk' : values.profile === 'practice' ? 'practice' : 'user',
  clockDaysAhead: Number(values['clock-days-ahead']) || 0,
  refusePanicShortcut: values['refuse-panic-shortcut'] === true,
  calibrateKdf: values['calibrate-kdf'] === true,
});
process.stdout.write(`READY ${harness.url}\n`);

let stopping = false;
const stop = (): void => {
  if (stopping) return;
  stopping = true;
  void harness.close().then(() => {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
