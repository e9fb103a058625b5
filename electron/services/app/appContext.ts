import path from 'node:path';
import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import type { Language } from '../../../shared/settings';
import type { Logger } from '../log/logger';
import type { ClipboardGuard } from '../clipboard/clipboardGuard';
import { createClipboardGuard } from '../clipboard/clipboardGuard';
import { createPassphraseChecker } from '../passphrase/passphraseStrength';
import type { SettingsService } from '../settings/settingsService';
import type { KdfParams } from '../vault/kdfParams';
import type { VaultService } from '../vault/vaultService';
import { createVaultService } from '../vault/vaultService';

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
  passphrases: ReturnType<typeof createPassphraseChecker>;
  clipboard: ClipboardGuard;
}

export interface AppContextOptions extends AppInfo {
  dataDir: string;
  resourcesDir: string;
  settings: SettingsService;
  logger: Logger;
  emit: EventSink;
  ports: HostPorts;
  /** Tests and the harness may use the OWASP floor to keep e2e runs fast; the app never does. */
  kdf?: KdfParams;
}

export const VAULT_DIR_NAME = 'vault';

export function createAppContext(options: AppContextOptions): AppContext {
  const vault = createVaultService({
    dir: path.join(options.dataDir, VAULT_DIR_NAME),
    ...(options.kdf ? { kdf: options.kdf } : {}),
    logger: options.logger,
  });
  const clipboard = createClipboardGuard(options.ports.clipboard, () =>
    options.emit('events:clipboardCleared', {}),
  );
  return { ...options, vault, passphrases: createPassphraseChecker(), clipboard };
}
