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
