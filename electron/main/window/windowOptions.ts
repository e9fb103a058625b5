import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  preloadPath: string;
  isDev: boolean;
  backgroundColor: string;
  title: string;
  /** resources/icons/…png, chosen by windowIcon.ts (a disguise has its own). */
  icon: string;
}

/**
 * The hardened options of docs/architecture.md §Hardening, Electron security checklist #2–#4, #6, #8–#10, as data so a
 * test can assert every one of them. Every window goes through this one factory.
 */
export function mainWindowOptions({
  preloadPath,
  isDev,
  backgroundColor,
  title,
  icon,
}: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title,
    icon,
    backgroundColor,
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Spellcheckers may send text to an online service and cache words on disk.
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: isDev,
      v8CacheOptions: 'none',
    },
  };
}
