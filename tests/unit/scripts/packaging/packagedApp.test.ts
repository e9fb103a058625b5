import { NEUTRAL_DATA_FOLDER } from '../../../../electron/main/paths';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { extractAll, listPackage } from '@electron/asar';
import { FuseV1Options } from '@electron/fuses';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootBundle, requireBuild, ROOT } from '../../main/bootBundle';
import { expectBooted } from '../../main/expectBooted';
import { readFuseWire, writeStandInElectronDist } from './standInElectronDist';

/**
 * `electron-builder --linux dir` for real, offline, on electron-builder.yml and the afterPack
 * hook, with a stand-in Electron binary (issue 12): what the package holds, every fuse, and the
 * main bundle extracted from app.asar booting with its packaged node_modules.
 */
const require = createRequire(import.meta.url);
const electronVersion = (require('electron/package.json') as { version: string }).version;
const afterPack = require(path.join(ROOT, 'scripts/packaging/afterPack.cjs')) as {
  FUSES: Record<string, unknown>;
};

let work: string;
let appOut: string;
let asarPath: string;
let files: string[];
let unpacked: string[];

function walk(dir: string, base = dir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? walk(full, base) : [path.relative(base, full)];
  });
}

beforeAll(async () => {
  requireBuild();
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-pack-'));
  const dist = path.join(work, 'electron-dist');
  writeStandInElectronDist(dist, electronVersion);
  await promisify(execFile)(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${dist}`,
      `-c.directories.output=${path.join(work, 'out')}`,
    ],
    { cwd: ROOT, env: { ...process.env, CI: '1' }, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 },
  ).catch((error: unknown) => {
    // electron-builder says why on its own output; a bare "Command failed" helps nobody.
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`electron-builder failed:\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`);
  });
  appOut = path.join(work, 'out', 'linux-unpacked');
  asarPath = path.join(appOut, 'resources', 'app.asar');
  files = listPackage(asarPath, { isPack: false }).map((f) => f.replaceAll('\\', '/').replace(/^\//, ''));
  unpacked = walk(`${asarPath}.unpacked`).map((f) => f.replaceAll('\\', '/'));
}, 180_000);
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const LINUX_X64_ADDONS = [
  'node_modules/@signalapp/libsignal-client/prebuilds/linux-x64/@signalapp+libsignal-client.node',
  'node_modules/argon2/prebuilds/linux-x64/argon2.glibc.node',
  'node_modules/argon2/prebuilds/linux-x64/argon2.musl.node',
];

describe('electron-builder --linux dir (x64)', () => {
  it('ships the linux-x64 native addons, and they are the only files outside the asar', () => {
    for (const addon of LINUX_X64_ADDONS) expect(files).toContain(addon);
    expect(unpacked.sort()).toEqual([...LINUX_X64_ADDONS].sort());
  });

  it('ships no other platform’s prebuilds and no addon sources', () => {
    const prebuilds = files.filter((f) => /\/prebuilds\/[^/]+\//.test(f));
    expect(prebuilds.length).toBeGreaterThan(0);
    for (const file of prebuilds) expect(file).toMatch(/\/prebuilds\/linux-x64\//);
    expect(files.filter((f) => f.endsWith('.node')).sort()).toEqual([...LINUX_X64_ADDONS].sort());
    expect(files.some((f) => /argon2\.cpp$|binding\.gyp$/.test(f))).toBe(false);
  });

  it('keeps every JavaScript file inside the asar and leaves the harness and tests out', () => {
    expect(files).toContain('out/main/index.js');
    expect(files).toContain('out/preload/index.cjs');
    expect(unpacked.some((f) => /\.(c|m)?js$/.test(f))).toBe(false);
    expect(files.some((f) => f.startsWith('scripts/') || f.startsWith('tests/'))).toBe(false);
    expect(files.some((f) => f.endsWith('.map'))).toBe(false);
  });

  it('flips all nine fuses of the binary to the intended values', () => {
    const { version, wire, sentinels } = readFuseWire(path.join(appOut, 'tikho'));
    expect(sentinels).toBe(1);
    expect(version).toBe(1);
    const intended: Record<keyof typeof FuseV1Options, '0' | '1'> = {
      RunAsNode: '0',
      EnableCookieEncryption: '1',
      EnableNodeOptionsEnvironmentVariable: '0',
      EnableNodeCliInspectArguments: '0',
      EnableEmbeddedAsarIntegrityValidation: '1',
      OnlyLoadAppFromAsar: '1',
      LoadBrowserProcessSpecificV8Snapshot: '0',
      GrantFileProtocolExtraPrivileges: '0',
      WasmTrapHandlers: '1',
    };
    expect(wire).toHaveLength(9);
    for (const [name, value] of Object.entries(intended)) {
      expect(wire[FuseV1Options[name as keyof typeof FuseV1Options]], name).toBe(value);
    }
    // afterPack names every fuse this @electron/fuses knows (strictlyRequireAllFuses does the rest).
    for (const index of Object.values(FuseV1Options).filter((v) => typeof v === 'number')) {
      expect(afterPack.FUSES).toHaveProperty(String(index));
    }
  });

  it('ships the locales and checklists beside app.asar, where the packaged app reads them', () => {
    for (const dir of [
      'locales/en',
      'locales/ru',
      'locales/uk',
      'checklists',
      'icons/app.png',
      'icons/notes.png',
    ]) {
      expect(fs.existsSync(path.join(appOut, 'resources', 'resources', dir))).toBe(true);
    }
  });

  it('boots the main bundle extracted from app.asar with its packaged node_modules', async () => {
    const extracted = path.join(work, 'extracted');
    extractAll(asarPath, extracted);
    const appData = path.join(work, 'appData');
    const result = await bootBundle({
      bundle: path.join(extracted, 'out/main/index.js'),
      isPackaged: true,
      appPath: extracted,
      resourcesPath: path.join(appOut, 'resources'),
      appData,
    });
    expectBooted(result);
    // A first install: its data folder names no app (electron/main/paths.ts).
    expect(result.userData).toBe(path.join(appData, NEUTRAL_DATA_FOLDER));
  }, 180_000);
});
