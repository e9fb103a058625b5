import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BootOptions, BootResult } from './runBoot';

export const ROOT = path.resolve(import.meta.dirname, '../../..');
export const BUILT_MAIN = path.join(ROOT, 'out/main/index.js');

/** `npm test` builds before the unit tests; a targeted run needs `npm run build` first. */
export function requireBuild(): void {
  if (!fs.existsSync(BUILT_MAIN)) throw new Error('out/main/index.js is missing: run `npm run build` first');
}

/** Loads a built main bundle in a fresh Node with the stand-in electron and drives it (runBoot.ts). */
export async function bootBundle(
  options: BootOptions & { scenario?: 'full' },
): Promise<BootResult & { stderr: string }>;
export async function bootBundle(
  options: BootOptions & { scenario: 'start-failure' },
): Promise<Pick<BootResult, 'violations' | 'errorBoxes' | 'exitCodes' | 'calls'>>;
export async function bootBundle(options: BootOptions): Promise<unknown> {
  const runner = path.join(import.meta.dirname, 'runBoot.ts');
  // As a packaged or `npm start` run: no dev server.
  const { ELECTRON_RENDERER_URL: _devServer, ...env } = process.env;
  // The booted app's panic wipe removes every `tikho-*` entry of its temp folder, as it must on a
  // person's computer; here that folder is its own, so it cannot take other tests' files with it.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'boot-tmp-'));
  const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', runner], {
    cwd: ROOT,
    env: { ...env, TMPDIR: tmp, TIKHO_BOOT_OPTIONS: JSON.stringify(options) },
    maxBuffer: 16 * 1024 * 1024,
    // The app's first create calibrates Argon2id (a few derivations of ≥ 1 s each).
    timeout: 150_000,
  }).finally(() => fs.rmSync(tmp, { recursive: true, force: true }));
  const line = stdout.split('\n').find((l) => l.startsWith('BOOT_RESULT '));
  if (!line) throw new Error(`boot runner printed no result:\n${stdout}`);
  // The main process's log lines (stderr) come along: some things are seen only there.
  return { ...(JSON.parse(line.slice('BOOT_RESULT '.length)) as object), stderr };
}
