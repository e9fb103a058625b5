import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootBundle, BUILT_MAIN, requireBuild, ROOT } from './bootBundle';
import { expectBooted } from './expectBooted';
import type { BootResult } from './runBoot';

let appData: string;
let result: BootResult & { stderr: string };

beforeAll(async () => {
  requireBuild();
  appData = fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-boot-'));
  result = await bootBundle({
    bundle: BUILT_MAIN,
    isPackaged: false,
    appPath: ROOT,
    resourcesPath: path.join(appData, 'no-resources-in-development'),
    appData,
  });
}, 180_000);
afterAll(() => fs.rmSync(appData, { recursive: true, force: true }));

describe('the built main bundle (out/main/index.js) boots with a stand-in electron', () => {
  it('opens the window, registers the IPC handlers, and a vault, a key, the checklist and the panic shortcut work through them', () => {
    expectBooted(result);
  });

  it('keeps development data apart from the packaged app', () => {
    expect(result.userData).toBe(path.join(appData, 'Tikho (development)'));
  });

  it('shows an error dialog and exits when start-up fails, instead of running on without a window', async () => {
    const failed = await bootBundle({
      bundle: BUILT_MAIN,
      // A package whose resources folder is missing: the translator cannot load its catalogs.
      isPackaged: true,
      appPath: ROOT,
      resourcesPath: path.join(appData, 'missing-resources'),
      appData,
      scenario: 'start-failure',
    });
    expect(failed.violations).toEqual([]);
    expect(failed.exitCodes).toEqual([1]);
    expect(failed.errorBoxes).toEqual([
      {
        title: 'Tikho could not start',
        body: expect.stringContaining('Your data was not changed') as unknown,
      },
    ]);
  });
});
