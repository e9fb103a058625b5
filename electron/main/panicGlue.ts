import type { Settings } from '../../shared/settings';
import type { PanicHostPorts, PanicShortcutPort, PanicShortcutState } from '../services/app/hostPorts';
import type { WarnLogger } from '../services/log/logger';

/** The three globalShortcut calls the panic glue makes (a fake in tests, Electron's in the app). */
export interface GlobalShortcutPort {
  register(accelerator: string, callback: () => void): boolean;
  unregister(accelerator: string): void;
}

export interface PanicShortcutBinding {
  /** The accelerator the OS accepted, or null when registration failed (taken by another app). */
  active(): string | null;
  dispose(): void;
}

/**
 * The global panic shortcut: registered with the OS, so it works while the window is
 * hidden or unfocused, and acts at once (no countdown: the person may have a second). Follows
 * `settings.panicShortcut`: a change, or the reset after a wipe, re-registers.
 */
export function bindPanicShortcut(deps: {
  globalShortcut: GlobalShortcutPort;
  settings: { get(): Settings; onChange(listener: (settings: Settings) => void): () => void };
  trigger: () => Promise<unknown>;
  logger: WarnLogger;
  /** Told the OS's real answer after every (re-)registration. */
  onState?: (state: PanicShortcutState) => void;
}): PanicShortcutBinding {
  const { globalShortcut, logger } = deps;
  let active: string | null = null;
  let wanted: string | null = null;

  const fire = (): void => {
    void deps.trigger().catch(() => logger.warn('panic: shortcut wipe failed'));
  };

  const bind = (accelerator: string | null): void => {
    if (accelerator === wanted) return;
    if (active) globalShortcut.unregister(active);
    active = null;
    wanted = accelerator;
    // Off (the default): nothing is registered.
    if (accelerator === null) return;
    let registered = false;
    try {
      registered = globalShortcut.register(accelerator, fire);
    } catch {
      // Electron throws on an accelerator it cannot parse; settings validate, so this is defensive.
      registered = false;
    }
    if (registered) active = accelerator;
    // Never log the accelerator itself: it is a fact about the person's setup.
    else logger.warn('panic: the global shortcut could not be registered (taken by another app?)');
    deps.onState?.({ accelerator, registered });
  };

  bind(deps.settings.get().panicShortcut);
  const stop = deps.settings.onChange((next) => bind(next.panicShortcut));
  return {
    active: () => active,
    dispose: () => {
      stop();
      if (active) globalShortcut.unregister(active);
      active = null;
      wanted = null;
    },
  };
}

/**
 * What a press of the panic shortcut does: while the person practises it on Panic & safety (armed
 * for at most a minute, vault open) it runs on a disposable copy; otherwise it wipes at once.
 */
export function panicShortcutAction(deps: {
  practice: { takeShortcut(): boolean };
  panic: { trigger(kind: 'shortcut'): Promise<unknown> };
}): () => Promise<unknown> {
  return () => (deps.practice.takeShortcut() ? Promise.resolve() : deps.panic.trigger('shortcut'));
}

/**
 * The services' view of the shortcut (HostPorts.panicShortcut). Made before the runtime, fed by
 * bindPanicShortcut's onState once the window exists, so a screen can ask at any time.
 */
export function createPanicShortcutPort(): PanicShortcutPort & { set(state: PanicShortcutState): void } {
  let current: PanicShortcutState | null = null;
  const listeners = new Set<(state: PanicShortcutState) => void>();
  return {
    state: () => (current ? { ...current } : null),
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set: (state) => {
      current = { ...state };
      for (const listener of listeners) listener({ ...state });
    },
  };
}

/** The narrow parts of Electron's session, app and windows the wipe uses. */
export interface ElectronPanicDeps {
  session: {
    clearData(): Promise<void>;
    clearStorageData(): Promise<void>;
    clearCache(): Promise<void>;
    clearAuthCache(): Promise<void>;
    clearCodeCaches(options: { urls?: string[] }): Promise<void>;
    flushStorageData(): void;
  };
  app: { clearRecentDocuments(): void; quit(): void };
  /** Live windows: reloaded after a wipe so the old renderer's heap (decrypted text) is dropped. */
  windows: () => Iterable<{ isDestroyed(): boolean; webContents: { reloadIgnoringCache(): void } }>;
}

/** Electron's side of the panic plan; each call is bounded by the service's port timeout. */
export function createElectronPanicPorts(deps: ElectronPanicDeps): PanicHostPorts {
  return {
    clearSessionData: async () => {
      const { session } = deps;
      // In parallel: the service gives the whole port a few seconds; one slow cache must not starve the rest.
      const results = await Promise.allSettled([
        session.clearData(),
        session.clearStorageData(),
        session.clearCache(),
        session.clearAuthCache(),
        session.clearCodeCaches({}),
      ]);
      session.flushStorageData();
      if (results.some((r) => r.status === 'rejected')) throw new Error('session data partly cleared');
    },
    clearRecentDocuments: () => {
      deps.app.clearRecentDocuments();
      return Promise.resolve();
    },
    quit: () => deps.app.quit(),
    afterEndState: () => {
      for (const win of deps.windows()) if (!win.isDestroyed()) win.webContents.reloadIgnoringCache();
    },
  };
}
