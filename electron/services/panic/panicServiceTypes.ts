import type { VaultService } from '../vault';
import type { DeadManDays } from './deadMan';
import type { MirrorKeystorePort } from './mirrorSecret';
import type {
  EndState,
  FailedUnlockLimit,
  GuardedUnlockResult,
  PanicConfigView,
  PanicPorts,
  PanicReport,
} from './panicTypes';
import type { CreateVault, DecoyNote } from './spareFolder';
import type { WarnLogger } from '../log';
import { type FileSystem } from '../common';

/** The part of the vault service the panic service uses (a narrow seam, easy to wrap in tests). */
export type PanicVault = Pick<
  VaultService,
  | 'unlock'
  | 'lockEpoch'
  | 'lock'
  | 'isUnlocked'
  | 'destroyKeyMaterial'
  | 'verifyPrimaryPassphrase'
  | 'setSlot'
  | 'clearSlot'
  | 'hasDuressSlot'
  | 'records'
  | 'notes'
  | 'recoveryCodeCreated'
  | 'onHeaderChange'
>;

export interface PanicServiceOptions {
  /** Electron's userData: holds vault/, spare/, settings.json, state.bin and Electron's own session data. */
  dataDir: string;
  /** The app's vault service for `<dataDir>/vault`. */
  vault: PanicVault;
  ports: PanicPorts;
  /**
   * Opens another vault folder (decoy set-up, drill copy). Default: createVaultService({ dir }).
   * `clock` dates the decoy's notes like a notebook used since the real one was made.
   */
  createVault?: CreateVault;
  fs?: FileSystem;
  /** Milliseconds, monotonic (default performance.now). */
  clock?: () => number;
  /** Milliseconds since the epoch (default Date.now): dates the decoy's notes, times the dead-man wipe. */
  wallClock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  logger?: WarnLogger;
  /** Default os.tmpdir(). */
  tmpDir?: string;
  /** Temp entries the app creates carry this prefix. Default 'tikho-'. */
  tmpPrefix?: string;
  /** Upper bound for each Electron port call, so a hung call cannot stall the wipe. Default 3000. */
  portTimeoutMs?: number;
  /**
   * Pads every guarded unlock to about twice the vault unlock time, so a duress unlock (which opens
   * the decoy after the wipe: a second Argon2id) takes as long as a normal one. Default true.
   */
  equaliseUnlockTiming?: boolean;
  /**
   * A practice service over a disposable copy (practice.ts): every run is a drill — the ports and
   * the OS temp folder are only counted — while the triggers, the guard and the end state are real.
   */
  practice?: boolean;
  /** Told every report this service's plan produced (the practice shows it to the person). */
  onReport?: (report: PanicReport) => void;
  /** Main's OS keystore (safeStorage): seals the secret half of the lock-screen mirror's key. Absent: header bytes only. */
  keystore?: MirrorKeystorePort;
}

export interface PanicService {
  /** Global shortcut (at once) or the in-app button (after the UI's 5-second countdown). Concurrent calls share one run. */
  trigger(kind: 'shortcut' | 'button'): Promise<PanicReport>;
  /** The lock screen's only unlock: counts attempts, runs the duress and failed-unlock wipes silently. */
  unlockOrPanic(passphrase: string): Promise<GuardedUnlockResult>;
  /** A typed recovery code; one that cannot be right is refused before the KDF and is not counted. */
  unlockWithRecoveryCodeOrPanic(typed: string): Promise<GuardedUnlockResult>;
  /** Attempts left before the failed-unlock wipe, or null when the limit is off. Only on request. */
  remainingUnlockAttempts(): Promise<number | null>;
  getConfig(): Promise<PanicConfigView>;
  setEndState(endState: EndState): Promise<void>;
  setFailedUnlockLimit(limit: FailedUnlockLimit | null): Promise<void>;
  setDeadMan(days: DeadManDays | null): Promise<void>;
  /**
   * Call at start-up after recoverInterruptedWipe, before any window: runs the plan when the
   * dead-man wipe is set and its days have passed since the last unlock. Nothing on screen yet.
   */
  wipeIfDeadManDue(): Promise<PanicReport | null>;
  /** Verifies the current passphrase, refuses a duress one within typo distance, sets the slot, builds the decoy. */
  setUpDuress(input: {
    currentPassphrase: string;
    duressPassphrase: string;
    decoyNotes?: DecoyNote[];
  }): Promise<void>;
  removeDuress(): Promise<void>;
  /** The same plan on a disposable copy of the data folder; the real data is untouched. */
  drill(): Promise<PanicReport>;
  /** Call once at start-up, before the lock screen: finishes a wipe a kill or power cut interrupted. */
  recoverInterruptedWipe(): Promise<PanicReport | null>;
  /** After a backup was restored into the vault: forgets the decoy the backup's config names (spareUpkeep.ts). */
  afterRestore(): Promise<void>;
  /** After a vault is created: gives the data folder its spare/ filler (spareFolder.ts). Returns at once. */
  prepareSpare(): void;
  /** Resolves when no wipe and no spare/ build is running (a duress unlock returns before its purge finishes). */
  whenIdle(): Promise<void>;
}
