import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * What electron-builder.yml promises beyond what the Linux smoke test (packagedApp.test.ts) can
 * build here: the Windows and macOS lists, the deb metadata, the macOS entitlements.
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');
const config = parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as {
  npmRebuild: boolean;
  asar: { smartUnpack: boolean };
  asarUnpack: string[];
  files: string[];
  extraResources: { from: string; to: string }[];
  linux: { target: string[]; files: string[]; maintainer: string };
  deb: { depends: string[] };
  win: { target: string[]; files: string[] };
  mac: { target: string[]; files: string[]; entitlements: string; entitlementsInherit: string };
};
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  homepage?: string;
  author: { email?: string };
  productName?: string;
  desktopName?: string;
};

describe('electron-builder config', () => {
  it('packs into an asar for Linux (AppImage, deb), Windows (NSIS) and macOS (dmg), unpacking only .node files', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.asarUnpack).toEqual(['**/*.node']);
    expect(config.asar.smartUnpack).toBe(false);
    expect(config.npmRebuild).toBe(false);
  });

  it.each([
    ['linux', 'linux'],
    ['win', 'win32'],
    ['mac', 'darwin'],
  ] as const)('%s repeats the shared file list and keeps only its own prebuilds', (key, prebuildOs) => {
    // A platform's `files` replaces the root list in electron-builder 26: drift would ship scripts/ and tests/.
    expect(config[key].files).toEqual([
      ...config.files,
      `!node_modules/@signalapp/libsignal-client/prebuilds/!(${prebuildOs}-\${arch})/**`,
      `!node_modules/argon2/prebuilds/!(${prebuildOs}-\${arch})/**`,
    ]);
  });

  it('gives the deb its homepage, a maintainer e-mail and real dependencies', () => {
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.author.email).toMatch(/@/);
    expect(config.linux.maintainer).toMatch(/<[^>]+@[^>]+>/);
    expect(config.deb.depends).toEqual(expect.arrayContaining(['libgtk-3-0', 'libnss3', 'libgbm1']));
    expect(pkg.productName).toBe('Tikho');
    expect(pkg.desktopName).toBe('tikho.desktop');
  });

  it('grants macOS only the JIT entitlement', () => {
    expect(config.mac.entitlements).toBe(config.mac.entitlementsInherit);
    const plist = fs.readFileSync(path.join(ROOT, config.mac.entitlements), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
  });

  it('has a 1024 px icon for every target (electron-builder derives .icns, .ico and the Linux sizes)', () => {
    const png = fs.readFileSync(path.join(ROOT, 'resources/build/icon.png'));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1024, 1024]);
  });

  it('ships the locales and checklist content the app reads at run time, and the wordlists’ attribution', () => {
    expect(config.extraResources.map((r) => r.from)).toEqual(
      expect.arrayContaining([
        'resources/locales',
        'resources/checklists',
        'resources/icons',
        'resources/wordlists',
      ]),
    );
  });
});
