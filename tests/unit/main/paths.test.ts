import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEUTRAL_DATA_FOLDER, relaunchOptions, userDataFolder } from '../../../electron/main/paths';

describe('userDataFolder', () => {
  const appData = path.join('/home', 'a', '.config');
  const earlierInstall = (folder: string): boolean => folder === path.join(appData, 'Tikho');
  it('keeps development out of the packaged app’s folder', () => {
    const packaged = userDataFolder({
      appData,
      name: 'Tikho',
      isPackaged: true,
      profile: 'user',
      exists: earlierInstall,
    });
    const dev = userDataFolder({
      appData,
      name: 'Tikho',
      isPackaged: false,
      profile: 'user',
      exists: earlierInstall,
    });
    expect(packaged).toBe(path.join(appData, 'Tikho'));
    expect(dev).not.toBe(packaged);
    expect(dev.startsWith(packaged + path.sep)).toBe(false);
  });
  it('puts a profile in a sub-folder of its own base', () => {
    expect(
      userDataFolder({
        appData,
        name: 'Tikho',
        isPackaged: true,
        profile: 'practice',
        exists: earlierInstall,
      }),
    ).toBe(path.join(appData, 'Tikho', 'profiles', 'practice'));
  });
  it('gives a new install a folder that names no app, and keeps an earlier install where it is', () => {
    const fresh = userDataFolder({
      appData,
      name: 'Tikho',
      isPackaged: true,
      profile: 'user',
      exists: () => false,
    });
    expect(fresh).toBe(path.join(appData, NEUTRAL_DATA_FOLDER));
    expect(fresh).not.toMatch(/tikho/i);
    expect(
      userDataFolder({ appData, name: 'Tikho', isPackaged: true, profile: 'user', exists: earlierInstall }),
    ).toBe(path.join(appData, 'Tikho'));
  });
});

describe('relaunchOptions', () => {
  it('re-runs the AppImage file itself, not the vanishing mount inside it', () => {
    expect(relaunchOptions(['--profile=desk'], { APPIMAGE: '/home/a/Tikho.AppImage' })).toEqual({
      args: ['--profile=desk'],
      execPath: '/home/a/Tikho.AppImage',
    });
  });
  it('leaves Electron’s default executable elsewhere', () => {
    expect(relaunchOptions([], {})).toEqual({ args: [] });
    expect(relaunchOptions([], { APPIMAGE: '' })).toEqual({ args: [] });
  });
});
