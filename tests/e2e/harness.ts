import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface HarnessProcess {
  url: string;
  origin: string;
  dataDir: string;
  downloadsDir: string;
  /** Plays the person away from the computer for `seconds`, then runs main's real idle check once. */
  advanceIdle(seconds: number): Promise<'locked' | 'unlocked'>;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Starts `npm run harness` the way a developer would and waits for its one READY line. */
export async function startHarness(
  options: {
    lang?: string;
    dataDir?: string;
    profile?: 'user' | 'desk' | 'practice';
    clockDaysAhead?: number;
    refusePanicShortcut?: boolean;
    calibrateKdf?: boolean;
  } = {},
): Promise<HarnessProcess> {
  const dataDir = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-e2e-data-'));
  const downloadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-e2e-downloads-'));
  const args = [
    path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
    path.join(ROOT, 'scripts/harness.ts'),
    '--data-dir',
    dataDir,
    '--downloads-dir',
    downloadsDir,
    '--port',
    '0',
    ...(options.lang ? ['--lang', options.lang] : []),
    ...(options.profile ? ['--profile', options.profile] : []),
    ...(options.clockDaysAhead ? ['--clock-days-ahead', String(options.clockDaysAhead)] : []),
    ...(options.refusePanicShortcut ? ['--refuse-panic-shortcut'] : []),
    ...(options.calibrateKdf ? ['--calibrate-kdf'] : []),
  ];
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`harness did not start: ${stderr}`)), 60_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /^READY (\S+)$/m.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`harness exited with ${code}: ${stderr}`));
    });
  });
  return {
    url,
    origin: new URL(url).origin,
    dataDir,
    downloadsDir,
    advanceIdle: async (seconds) => {
      const token = new URL(url).searchParams.get('token') ?? '';
      const answer = await fetch(`${new URL(url).origin}/__harness/idle?token=${token}&seconds=${seconds}`);
      if (!answer.ok) throw new Error(`harness idle: HTTP ${answer.status}`);
      return ((await answer.json()) as { state: 'locked' | 'unlocked' }).state;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
