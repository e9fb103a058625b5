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
}

export interface AutoLock {
  start(): void;
  stop(): void;
  /** Runs the idle check now (the interval calls this). */
  tick(): Promise<void>;
  onSuspend(): Promise<void>;
  onScreenLocked(): Promise<void>;
  onWindowHidden(): Promise<void>;
  onRendererGone(): Promise<void>;
}

/**
 * Auto-lock lives in main, never in the renderer, whose timers are throttled in the background
 * (design §4). Standard Notes' users report locks that never fired after sleep: here suspend and
 * screen lock lock at once, without waiting for a timer that may not run again until resume.
 */
export function createAutoLock(options: AutoLockOptions): AutoLock {
  let handle: unknown = null;
  const { controller } = options;
  const lockIfUnlocked = async (reason: Parameters<LockController['lock']>[0]): Promise<void> => {
    if (options.isUnlocked()) await controller.lock(reason);
  };
  const tick = async (): Promise<void> => {
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
  };
}
