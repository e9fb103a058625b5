import path from 'node:path';
import { tmpdir } from 'node:os';
import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import type { Language } from '../../../shared/settings';
import type { Logger } from '../log';
import type { ClipboardGuard } from '../clipboard';
import { createClipboardGuard } from '../clipboard';
import type { PanicPorts, PanicService } from '../panic';
import { createPanicService } from '../panic';
import { createStrengthChecker, type StrengthChecker } from '../passphrase';
import { writeDrillRecord } from '../panic';
import type { PanicPractice } from '../panic';
import { createPanicPractice } from '../panic';
import type { SettingsService } from '../settings';
import { memoizedCalibration } from '../vault';
import type { KdfParams } from '../vault';
import type { KdfSource, VaultService } from '../vault';
import { createVaultService } from '../vault';

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
  /** Electron's part of the panic wipe (electron/main/panicPorts.ts). Absent: harmless no-ops (harness). */
  panic?: PanicHostPorts;
  /** Electron: what the OS really answered for the global panic shortcut. Absent in the harness. */
  panicShortcut?: PanicShortcutPort;
}

/**
 * The global panic shortcut as the OS sees it (issue 12 §7). `registered: false` means the OS
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

/** What only Electron can wipe or do at the end of a panic wipe (issue 6 §1). */
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

export interface AppContext extends AppInfo {
  dataDir: string;
  resourcesDir: string;
  settings: SettingsService;
  logger: Logger;
  emit: EventSink;
  ports: HostPorts;
  vault: VaultService;
  passphrases: StrengthChecker;
  clipboard: ClipboardGuard;
  panic: PanicService;
  /** Practising the real triggers on a disposable copy (issue 16 §3). */
  practice: PanicPractice;
}

export interface AppContextOptions extends AppInfo {
  dataDir: string;
  resourcesDir: string;
  settings: SettingsService;
  logger: Logger;
  emit: EventSink;
  ports: HostPorts;
  /**
   * Tests and the harness may use the OWASP floor to keep e2e runs fast; the app never does: without
   * it, a new vault gets parameters calibrated on this computer (kdfCalibration.ts).
   */
  kdf?: KdfParams;
  /**
   * Where the panic wipe looks for the app's `tikho-*` temp files and puts drill copies. Default
   * os.tmpdir(); the harness passes its own folder so a wipe never touches another run's files.
   */
  panicTmpDir?: string;
  /** Wall clock in ms (default Date.now). Only the harness moves it, to play a laptop kept for weeks. */
  wallClock?: () => number;
}

export const VAULT_DIR_NAME = 'vault';

/** Calibration on first need (creating a vault, changing its passphrase), once per process. */
function calibratedKdf(logger: Logger): KdfSource {
  const calibrate = memoizedCalibration();
  return async () => {
    const { params, measuredMs, reason } = await calibrate();
    logger.info('vault: Argon2id calibrated', { ...params, measuredMs: Math.round(measuredMs), reason });
    return params;
  };
}

export function createAppContext(options: AppContextOptions): AppContext {
  const kdf = options.kdf ?? calibratedKdf(options.logger);
  const vault = createVaultService({
    dir: path.join(options.dataDir, VAULT_DIR_NAME),
    kdf,
    logger: options.logger,
  });
  const clipboard = createClipboardGuard(options.ports.clipboard, () =>
    options.emit('events:clipboardCleared', {}),
  );
  // The decoy, the drill copy and the practice copy are vaults too: same KDF as the real one, so a
  // decoy unlocks in the same time. The decoy is built while the real vault is open, so its header
  // is at hand.
  const createVault = (dir: string, extra?: { clock?: () => number }): VaultService =>
    createVaultService({
      dir,
      ...extra,
      kdf: vault.kdfParams ?? kdf,
      logger: options.logger,
    });
  const panic = createPanicService({
    dataDir: options.dataDir,
    vault,
    ports: panicPorts(options, clipboard),
    createVault,
    logger: options.logger,
    ...(options.panicTmpDir ? { tmpDir: options.panicTmpDir } : {}),
    ...(options.wallClock ? { wallClock: options.wallClock } : {}),
  });
  const passphrases = createStrengthChecker({ logger: options.logger });
  const practice = createPanicPractice({
    dataDir: options.dataDir,
    tmpDir: options.panicTmpDir ?? tmpdir(),
    vault,
    createVault,
    onShortcutOutcome: (outcome) => options.emit('events:practised', outcome),
    onPractised: (report) =>
      writeDrillRecord(vault.records, report, options.settings.get().panicShortcut, Date.now()),
    logger: options.logger,
  });
  return { ...options, vault, passphrases, clipboard, panic, practice };
}

/** The panic plan's ports: Electron's (or no-ops), the clipboard guard, the settings reset and the renderer's end state. */
export function panicPorts(
  options: Pick<AppContextOptions, 'ports' | 'settings' | 'emit'>,
  clipboard: Pick<ClipboardGuard, 'clearIfOwned'>,
): PanicPorts {
  const host = options.ports.panic;
  return {
    clearSessionData: () => host?.clearSessionData() ?? Promise.resolve(),
    clearRecentDocuments: () => host?.clearRecentDocuments() ?? Promise.resolve(),
    clipboard: { clearIfOwned: () => clipboard.clearIfOwned() },
    resetAppState: () => options.settings.reset(),
    quit: () => {
      // The window goes blank at once; Electron then closes it, the harness cannot close a tab.
      options.emit('events:wiped', { screen: 'closed' });
      host?.quit();
    },
    showEndState: (screen) => {
      options.emit('events:wiped', { screen });
      host?.afterEndState?.(screen);
    },
  };
}
