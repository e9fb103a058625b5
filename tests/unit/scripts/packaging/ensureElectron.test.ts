import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../../..');
const SCRIPT = path.join(ROOT, 'scripts/packaging/ensureElectron.cjs');
const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-electron-cache-'));
afterAll(() => fs.rmSync(cache, { recursive: true, force: true }));

function run(env: Record<string, string>) {
  const base = { ...process.env };
  delete base.ELECTRON_SKIP_BINARY_DOWNLOAD;
  delete base.ELECTRON_OVERRIDE_DIST_PATH;
  return spawnSync(process.execPath, [SCRIPT], {
    cwd: ROOT,
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('the prestart/predev Electron download step', () => {
  it('really asks for the binary, and offline fails with a clear message instead of a stack', () => {
    // A platform whose binary is surely not in node_modules/electron/dist, an empty cache and a
    // mirror nobody listens on: the download is attempted and fails, as offline.
    const result = run({
      ELECTRON_INSTALL_PLATFORM: 'win32',
      electron_config_cache: cache,
      ELECTRON_MIRROR: 'http://127.0.0.1:9/',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('is not downloaded yet, and the download failed');
    expect(result.stderr).toContain('ELECTRON_MIRROR');
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it('steps aside when CI skips the binary', () => {
    const result = run({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(result.status).toBe(0);
    expect(result.stderr).toContain('ELECTRON_SKIP_BINARY_DOWNLOAD');
  });
});
