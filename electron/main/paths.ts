import path from 'node:path';

export interface AppPaths {
  rendererDir: string;
  preloadPath: string;
  resourcesDir: string;
}

/**
 * electron-vite lays the build out as out/main, out/preload, out/renderer; electron-builder copies
 * resources/ beside app.asar (extraResources), where the packaged app reads it.
 */
export function resolveAppPaths(
  mainDir: string,
  appPath: string,
  resourcesPath: string,
  isPackaged: boolean,
): AppPaths {
  return {
    rendererDir: path.join(mainDir, '../renderer'),
    preloadPath: path.join(mainDir, '../preload/index.cjs'),
    resourcesDir: isPackaged ? path.join(resourcesPath, 'resources') : path.join(appPath, 'resources'),
  };
}

/**
 * The data folder's name for new installs. It names no app, so a look through the user's folders
 * does not find "Tikho"; distinctive enough that no other program uses it, because a panic wipe
 * removes the whole folder.
 */
export const NEUTRAL_DATA_FOLDER = 'Notebook Data';

/**
 * The data folder. Packaged: the neutral folder for new installs, or the OS's usual place for
 * the app's name where an earlier install already keeps its data there. Development (`npm
 * start`/`dev`): another folder, so a developer's run never opens or changes the real vault.
 * `--profile` adds a sub-folder (practice, desk).
 */
export function userDataFolder(input: {
  appData: string;
  name: string;
  isPackaged: boolean;
  profile: 'user' | 'practice' | 'desk';
  exists: (folder: string) => boolean;
}): string {
  const named = path.join(input.appData, input.name);
  const base = !input.isPackaged
    ? path.join(input.appData, `${input.name} (development)`)
    : input.exists(named)
      ? named
      : path.join(input.appData, NEUTRAL_DATA_FOLDER);
  return input.profile === 'user' ? base : path.join(base, 'profiles', input.profile);
}

/**
 * app.relaunch's options. Inside an AppImage process.execPath points into a mount that vanishes
 * when this process exits; the AppImage file itself ($APPIMAGE) is what must run again.
 */
export function relaunchOptions(
  args: string[],
  env: Readonly<Record<string, string | undefined>>,
): { args: string[]; execPath?: string } {
  const appImage = env.APPIMAGE;
  return appImage ? { args, execPath: appImage } : { args };
}
