import type { LockController } from './lockController';

export interface AutoLockOptions {
  controller: LockController;
  isUnlocked: () => boolean;
  /** Seconds since the person last used the computer (Electron powerMonitor) or the app (harness). */
  idleSeconds: () => number;
  autoLockMinutes: () => number;
  lockOnHide: () => boolean;
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
  checkEveryMs?: number;
  /** Monotonic-enough clock for the presentation hold's limit (default Date.now). */
  now?: () => number;
  /** Longest a presentation may hold the idle lock (default PRESENTATION_HOLD_MAX_MS). */
  maxHoldMs?: number;
}

/**
 * A long workshop, not a day: a renderer that claims a presentation forever (a bug, or a
 * compromised one) gets the idle lock back after this.
 */
export const PRESENTATION_HOLD_MAX_MS = 4 * 60 * 60 * 1000;

export interface AutoLock {
  start(): void;
  stop(): void;
  /** Runs the idle check now (the interval calls this). */
  tick(): Promise<void>;
  onSuspend(): Promise<void>;
  onScreenLocked(): Promise<void>;
  onWindowHidden(): Promise<void>;
  onRendererGone(): Promise<void>;
  /**
   * The trainer's slides are on screen: the idle check waits until they go or the
   * hold runs out. Sleep, screen lock and hiding the window still lock at once.
   */
  holdIdle(active: boolean): void;
}

/**
 * Auto-lock lives in main, never in the renderer, whose timers are throttled in the background
 * (docs/architecture.md §Locking). Standard Notes' users report locks that never fired after sleep: here suspend and
 * screen lock lock at once, without waiting for a timer that may not run again until resume.
 */
export function createAutoLock(options: AutoLockOptions): AutoLock {
  let handle: unknown = null;
  let heldSince: number | null = null;
  const { controller } = options;
  const now = options.now ?? Date.now;
  const held = (): boolean => {
    if (heldSince === null) return false;
    if (now() - heldSince < (options.maxHoldMs ?? PRESENTATION_HOLD_MAX_MS)) return true;
    heldSince = null;
    return false;
  };
  const lockIfUnlocked = async (reason: Parameters<LockController['lock']>[0]): Promise<void> => {
    if (options.isUnlocked()) await controller.lock(reason);
  };
  const tick = async (): Promise<void> => {
    if (held()) return;
    if (options.idleSeconds() >= options.autoLockMinutes() * 60) await lockIfUnlocked('idle');
  };
  return {
    start() {
      if (handle !== null) return;
      handle = options.setInterval(() => void tick(), options.checkEveryMs ?? 10_000);
    },
    stop() {
      if (handle !== null) options.clearInterval(handle);
      handle = null;
    },
    tick,
    onSuspend: () => lockIfUnlocked('suspend'),
    onScreenLocked: () => lockIfUnlocked('screen-lock'),
    onWindowHidden: async () => {
      if (options.lockOnHide()) await lockIfUnlocked('hidden');
    },
    // A crashed renderer may have been compromised, and its replacement starts without state.
    onRendererGone: () => lockIfUnlocked('renderer-gone'),
    holdIdle(active) {
      // A second "active" does not restart the limit: it runs from the first.
      if (!active) heldSince = null;
      else heldSince ??= now();
    },
  };
}
