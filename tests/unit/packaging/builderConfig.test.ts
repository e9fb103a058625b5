import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FuseV1Options, FuseVersion } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const config = parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as {
  asar: boolean;
  files: string[];
  afterPack: string;
  extraResources: { from: string; to: string }[];
  linux: { target: string[]; files: string[] };
  win: { target: string[]; files: string[] };
  mac: { target: string[]; files: string[] };
};
const require = createRequire(import.meta.url);
const afterPack = require(path.join(ROOT, config.afterPack)) as { FUSES: Record<string, unknown> };

describe('electron-builder config', () => {
  it('packs into an asar for Linux (AppImage, deb), Windows (NSIS) and macOS (dmg)', () => {
    expect(config.asar).toBe(true);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('never packs the browser harness, scripts or tests', () => {
    expect(config.files).toEqual(expect.arrayContaining(['!scripts/**', '!tests/**']));
    const included = config.files.filter((f) => !f.startsWith('!'));
    expect(included).toEqual(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']);
  });

  it('packs only the target platform libsignal prebuild', () => {
    expect(config.files).toContain('!node_modules/@signalapp/libsignal-client/prebuilds/**');
    expect(config.linux.files).toEqual(
      expect.arrayContaining(['node_modules/@signalapp/libsignal-client/prebuilds/linux-${arch}/**']),
    );
    expect(config.win.files).toEqual(
      expect.arrayContaining(['node_modules/@signalapp/libsignal-client/prebuilds/win32-${arch}/**']),
    );
    expect(config.mac.files).toEqual(
      expect.arrayContaining(['node_modules/@signalapp/libsignal-client/prebuilds/darwin-${arch}/**']),
    );
  });

  it('ships the locales and checklist content the app reads at run time', () => {
    expect(config.extraResources.map((r) => r.from)).toEqual(
      expect.arrayContaining(['resources/locales', 'resources/checklists']),
    );
  });
});

describe('fuses flipped in afterPack', () => {
  it('sets every fuse explicitly to the values of design §3', () => {
    expect(afterPack.FUSES).toEqual({
      version: FuseVersion.V1,
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    });
  });
  it('names every fuse this @electron/fuses knows', () => {
    const known = Object.values(FuseV1Options).filter((v) => typeof v === 'number');
    for (const fuse of known) expect(afterPack.FUSES).toHaveProperty(String(fuse));
  });
});
