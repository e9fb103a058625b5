import type { PanicStepName } from '../../../shared/ipc/panic';
import type { DeadManDays } from './deadMan';
import type { MirrorProtection } from './mirrorSecret';

/**
 * Shapes shared by the panic plan, its triggers and the drill. Plain data only: reports cross IPC
 * (drill) or go nowhere (a real wipe), so nothing here may hold a secret.
 */

/** What the app shows once the wipe is done (docs/panic.md §End states). */
export const END_STATES = ['quit', 'fresh', 'decoy'] as const;
export type EndState = (typeof END_STATES)[number];

/** Failed-unlock limits the settings screen offers; null = off (the default). */
export const FAILED_UNLOCK_LIMITS = [3, 5, 10] as const;
export type FailedUnlockLimit = (typeof FAILED_UNLOCK_LIMITS)[number];

export type PanicTrigger =
  'shortcut' | 'button' | 'duress' | 'failed-unlock' | 'dead-man' | 'recovery' | 'drill';

/** The wipe's step names, declared once with the drill report's IPC schema; their order is panicPlan.ts's. */
export type { PanicStepName } from '../../../shared/ipc/panic';

/** A thing the wipe could not remove: a path relative to the data folder (names are random hex) or a port name. */
export interface PanicFailure {
  target: string;
  /** errno (EACCES, EROFS, EBUSY…), 'timeout', or a TikhoError code. */
  code: string;
}

export interface PanicStepReport {
  step: PanicStepName;
  /** 1 = key destruction, 2 = deletion, 3 = clipboard, 4 = end state. */
  phase: 1 | 2 | 3 | 4;
  ok: boolean;
  ms: number;
  /** In a drill the step touching the real system (ports, OS temp) is only counted, not run. */
  simulated: boolean;
  failures: PanicFailure[];
}

export interface DestroyedCounts {
  /** Notes in the vault, known only when the vault was unlocked at trigger time (drill), else null. */
  notes: number | null;
  attachments: number;
  /** Encrypted record files: notes, PGP keys, libsignal stores, checklist progress, requests. */
  records: number;
  /** Key headers overwritten with random bytes: the vault's plus any stray copy (temp, drill copy). */
  headers: number;
  files: number;
  /** Total size of deleted files; counted in drills only (one stat per file is not worth it in a real wipe). */
  bytes: number | null;
  tempFiles: number;
}

export interface PanicReport {
  trigger: PanicTrigger;
  drill: boolean;
  endState: EndState;
  /** True when the vault header was overwritten and fsynced (or there was none to destroy). */
  keysDestroyed: boolean;
  /** True when every step succeeded and nothing was left behind. */
  complete: boolean;
  steps: PanicStepReport[];
  destroyed: DestroyedCounts;
  failures: PanicFailure[];
  /** Milliseconds from the trigger to the end of step 1 (marker + header overwrite + fsync). */
  keysDestroyedMs: number;
  totalMs: number;
}

/** Electron-only work, implemented by the glue in electron/main. Each call is bounded by a timeout. */
export interface PanicPorts {
  /** session.defaultSession.clearStorageData() + clearCache() + clearAuthCache(); flushStorageData. */
  clearSessionData: () => Promise<void>;
  /** app.clearRecentDocuments() (macOS/Windows jump list; a no-op elsewhere). */
  clearRecentDocuments: () => Promise<void>;
  clipboard: {
    /** Clears the clipboard if its content is still what Tikho wrote; returns whether it cleared. */
    clearIfOwned: () => Promise<boolean> | boolean;
  };
  /** Drop in-memory state of other services (settings cache, views) so nothing is written back. */
  resetAppState?: () => Promise<void> | void;
  /**
   * Writes the reset app settings back once the folder is empty and the end state is in place
   * (not for 'quit', whose next start writes them): a running app always has its settings file.
   */
  restoreAppState?: () => Promise<void> | void;
  /** End state 'quit': close every window and quit. Called after the purge. */
  quit?: () => Promise<void> | void;
  /** End states 'fresh' / 'decoy' after a shortcut/button/failed-unlock wipe: reload windows. */
  showEndState?: (screen: 'first-run' | 'lock') => Promise<void> | void;
}

/** What the unlock wrapper returns: the same shapes for a normal and a duress unlock. */
export type GuardedUnlockResult =
  { ok: true; role: 'primary' | 'recovery' } | { ok: false; next: 'lock' | 'first-run' | 'quit' };

export interface PanicConfigView {
  endState: EndState;
  failedUnlockLimit: FailedUnlockLimit | null;
  duressSet: boolean;
  decoyReady: boolean;
  deadManDays: DeadManDays | null;
  /** ISO time from which a start wipes (the last unlock plus the days), or null when off. */
  deadManDueAt: string | null;
  /** `none`: the lock-screen settings (end state, limit) are readable from a copy of the disk. */
  lockScreenProtection: MirrorProtection;
}
