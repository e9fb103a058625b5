import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import type { Language } from '../../../shared/settings';
import type { MirrorKeystorePort } from '../panic';

/*
 * What the host gives the services: Electron's windows, clipboard, dialogs and OS calls, or the
 * browser harness's stand-ins. A leaf module, so services below the composition root (lock,
 * clipboard, practice) can name these types without importing the root that builds them.
 */

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** What only the host can do: Electron's clipboard and dialogs, or the harness's stand-ins. */
export interface HostPorts {
  clipboard: {
    writeText(text: string): void;
    readText(): Promise<string>;
    clear(): void;
  };
  /** Asks where to save a file the user chose to export; null when they cancel. */
  chooseSavePath(defaultName: string): Promise<string | null>;
  /** Seconds since the person last touched the computer (Electron) or the app (harness). */
  idleSeconds(): number;
  /** Electron: printToPDF of the current window into a file the person chooses. Absent in the harness (tests use page.pdf()). */
  printToPdf?: (defaultName: string) => Promise<string | null>;
  /** Electron: relaunch into another profile's data folder (practice, desk). Absent in the harness. */
  openProfile?: (profile: AppProfile) => Promise<void>;
  /** Electron's part of the panic wipe (electron/main/panicGlue.ts). Absent: harmless no-ops (harness). */
  panic?: PanicHostPorts;
  /** Electron: what the OS really answered for the global panic shortcut. Absent in the harness. */
  panicShortcut?: PanicShortcutPort;
  /**
   * Electron: the OS keystore (safeStorage) sealing the secret half of the lock-screen mirror's key
   * (electron/main/mirrorKeystore.ts). Absent (harness): header bytes only, and the screen says so.
   */
  mirrorKeystore?: MirrorKeystorePort;
}

/**
 * The global panic shortcut as the OS sees it. `registered: false` means the OS
 * refused it (taken by another app, or Wayland's portal said no): pressing it does nothing, so the
 * screens must say so. Read with `state()`; `onChange` fires after every (re-)registration.
 */
export interface PanicShortcutState {
  accelerator: string;
  registered: boolean;
}
export interface PanicShortcutPort {
  state(): PanicShortcutState | null;
  onChange(listener: (state: PanicShortcutState) => void): () => void;
}

/** What only Electron can wipe or do at the end of a panic wipe. */
export interface PanicHostPorts {
  /** Cache, local storage, service workers, auth cache of the default session. */
  clearSessionData(): Promise<void>;
  /** The OS recent-documents list (macOS, Windows jump list). */
  clearRecentDocuments(): Promise<void>;
  /** End state 'quit': close every window and quit. */
  quit(): void;
  /** After a wipe by shortcut or button the windows are told what to show; Electron also reloads them to drop the old renderer's memory. */
  afterEndState?(screen: 'first-run' | 'lock'): void;
}

/**
 * Which data folder this process serves. `user` is the person's real vault; `practice` is a
 * throwaway folder with sample data for workshops; `desk` is a support team's desk.
 */
export type AppProfile = 'user' | 'practice' | 'desk';

export interface AppInfo {
  profile: AppProfile;
  version: string;
  platform: NodeJS.Platform;
  host: 'electron' | 'harness';
  systemLanguage: Language;
}
