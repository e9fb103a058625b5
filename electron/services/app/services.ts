import path from 'node:path';
import { tmpdir } from 'node:os';
import { createChecklistServices, type ChecklistServices } from '../checklist';
import type { ClipboardGuard } from '../clipboard';
import { createClipboardGuard } from '../clipboard';
import { createRequestLabeler, type LabelFn } from '../contact';
import { createDraftStore, type DraftStore } from '../drafts';
import { createAutoLock, type AutoLock } from '../lock';
import { createLockController, type LockController } from '../lock';
import type { Logger } from '../log';
import type { PanicPorts, PanicService } from '../panic';
import { createPanicService } from '../panic';
import { writeDrillRecord } from '../panic';
import type { PanicPractice } from '../panic';
import { createPanicPractice } from '../panic';
import { createStrengthChecker, type StrengthChecker } from '../passphrase';
import { createPgpService, type PgpService } from '../pgp';
import type { SettingsService } from '../settings';
import { memoizedCalibration } from '../vault';
import type { KdfParams } from '../vault';
import type { KdfSource, VaultService } from '../vault';
import { createVaultService } from '../vault';
import type { AppInfo, EventSink, HostPorts } from './hostPorts';
import { createUnlockedSessions, VAULT_DIR_NAME, type UnlockedSessions } from './unlockedSession';
import type { Language } from '../../../shared/settings';

/** What the host hands in and every service may read: where data lives, settings, log, ports. */
export interface HostInputs extends AppInfo {
  dataDir: string;
  resourcesDir: string;
  settings: SettingsService;
  logger: Logger;
  emit: EventSink;
  ports: HostPorts;
}

/**
 * Everything main runs, built here and nowhere else. The Electron glue and the browser harness
 * differ only in the host ports they pass; handlers take a `Pick` of this and build nothing.
 */
export interface Services extends HostInputs {
  vault: VaultService;
  passphrases: StrengthChecker;
  clipboard: ClipboardGuard;
  panic: PanicService;
  /** Practising the real triggers on a disposable copy. */
  practice: PanicPractice;
  /** Stateless over the vault's records: one instance serves every unlock. */
  pgp: PgpService;
  /** Field labels of a support request in the team's language. */
  requestLabels: (language: Language) => Promise<LabelFn>;
  checklist: Promise<ChecklistServices>;
  drafts: DraftStore;
  lock: LockController;
  autoLock: AutoLock;
  /** The channel, the desk and their timer: created on first use after an unlock, disposed on lock. */
  sessions: UnlockedSessions;
}

export interface ServicesOptions extends HostInputs {
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

/** Calibration on first need (creating a vault, changing its passphrase), once per process. */
function calibratedKdf(logger: Logger): KdfSource {
  const calibrate = memoizedCalibration();
  return async () => {
    const { params, measuredMs, reason } = await calibrate();
    logger.info('vault: Argon2id calibrated', { ...params, measuredMs: Math.round(measuredMs), reason });
    return params;
  };
}

/** Builds every service; starts no timer (the runtime does, so tests can build without one). */
export function createServices(options: ServicesOptions): Services {
  const { logger } = options;
  const kdf = options.kdf ?? calibratedKdf(logger);
  const vault = createVaultService({ dir: path.join(options.dataDir, VAULT_DIR_NAME), kdf, logger });
  const clipboard = createClipboardGuard(options.ports.clipboard, () =>
    options.emit('events:clipboardCleared', {}),
  );
  // The decoy, the drill copy and the practice copy are vaults too: same KDF as the real one, so a
  // decoy unlocks in the same time. The decoy is built while the real vault is open, so its header
  // is at hand.
  const createVault = (dir: string, extra?: { clock?: () => number }): VaultService =>
    createVaultService({ dir, ...extra, kdf: vault.kdfParams ?? kdf, logger });
  const panic = createPanicService({
    dataDir: options.dataDir,
    vault,
    ports: panicPorts(options, clipboard),
    createVault,
    logger,
    ...(options.panicTmpDir ? { tmpDir: options.panicTmpDir } : {}),
    ...(options.wallClock ? { wallClock: options.wallClock } : {}),
    ...(options.ports.mirrorKeystore ? { keystore: options.ports.mirrorKeystore } : {}),
  });
  const practice = createPanicPractice({
    dataDir: options.dataDir,
    tmpDir: options.panicTmpDir ?? tmpdir(),
    vault,
    createVault,
    onShortcutOutcome: (outcome) => options.emit('events:practised', outcome),
    onPractised: (report) =>
      writeDrillRecord(vault.records, report, options.settings.get().panicShortcut, Date.now()),
    logger,
    ...(options.ports.mirrorKeystore ? { keystore: options.ports.mirrorKeystore } : {}),
  });
  const pgp = createPgpService({ records: vault.records, logger });
  const drafts = createDraftStore(vault.records);
  const lock = createLockController(vault, options.emit, () => drafts.settle());
  const autoLock = createAutoLock({
    controller: lock,
    isUnlocked: () => vault.isUnlocked(),
    idleSeconds: () => options.ports.idleSeconds(),
    autoLockMinutes: () => options.settings.get().autoLockMinutes,
    lockOnHide: () => options.settings.get().lockOnHide,
    setInterval: (fn, ms) => setInterval(fn, ms).unref(),
    clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
  });
  // A lock of any kind ends a presentation's hold: the next unlock starts with the usual timer.
  vault.onLock(() => autoLock.holdIdle(false));
  return {
    ...options,
    vault,
    passphrases: createStrengthChecker({ logger }),
    clipboard,
    panic,
    practice,
    pgp,
    requestLabels: createRequestLabeler(options.resourcesDir),
    checklist: createChecklistServices({ ...options, vault, pgp }),
    drafts,
    lock,
    autoLock,
    sessions: createUnlockedSessions({ ...options, vault, pgp }),
  };
}

/** The panic plan's ports: Electron's (or no-ops), the clipboard guard, the settings reset and the renderer's end state. */
export function panicPorts(
  options: Pick<ServicesOptions, 'ports' | 'settings' | 'emit'>,
  clipboard: Pick<ClipboardGuard, 'clearIfOwned'>,
): PanicPorts {
  const host = options.ports.panic;
  return {
    clearSessionData: () => host?.clearSessionData() ?? Promise.resolve(),
    clearRecentDocuments: () => host?.clearRecentDocuments() ?? Promise.resolve(),
    clipboard: { clearIfOwned: () => clipboard.clearIfOwned() },
    resetAppState: () => options.settings.reset(),
    restoreAppState: () => options.settings.persist(),
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
