import { describe, expect, it, vi } from 'vitest';
import {
  bindPanicShortcut,
  createElectronPanicPorts,
  createPanicShortcutPort,
} from '../../../electron/main/panicGlue';
import type { Settings } from '../../../shared/settings';
import { DEFAULT_SETTINGS } from '../../../shared/settings';

/** A fake of the two globalShortcut calls the glue makes, with a way to "press" a shortcut. */
function fakeGlobalShortcut(taken: string[] = []) {
  const registered = new Map<string, () => void>();
  return {
    registered,
    register: vi.fn((accelerator: string, callback: () => void) => {
      if (taken.includes(accelerator)) return false;
      registered.set(accelerator, callback);
      return true;
    }),
    unregister: vi.fn((accelerator: string) => {
      registered.delete(accelerator);
    }),
    press(accelerator: string) {
      registered.get(accelerator)?.();
    },
  };
}

function fakeSettings(initial: Partial<Settings> = {}) {
  let current: Settings = { ...DEFAULT_SETTINGS, ...initial };
  const listeners = new Set<(s: Settings) => void>();
  return {
    get: () => ({ ...current }),
    onChange: (listener: (s: Settings) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(patch: Partial<Settings>) {
      current = { ...current, ...patch };
      for (const l of listeners) l({ ...current });
    },
  };
}

const logger = () => ({ warn: vi.fn() });
/** A combination the person chose: the default is off (issue 16 §3). */
const CHOSEN = 'CommandOrControl+Alt+Shift+P';

describe('bindPanicShortcut', () => {
  it('registers the configured shortcut with the OS and wipes at once when it is pressed', () => {
    const gs = fakeGlobalShortcut();
    const trigger = vi.fn(() => Promise.resolve());
    const binding = bindPanicShortcut({
      globalShortcut: gs,
      settings: fakeSettings({ panicShortcut: CHOSEN }),
      trigger,
      logger: logger(),
    });
    expect(gs.register).toHaveBeenCalledWith(CHOSEN, expect.any(Function));
    expect(binding.active()).toBe(CHOSEN);
    gs.press(CHOSEN);
    // No countdown: the trigger runs synchronously inside the OS callback.
    expect(trigger).toHaveBeenCalledTimes(1);
  });

  it('re-registers when the setting changes and ignores changes to other settings', () => {
    const gs = fakeGlobalShortcut();
    const settings = fakeSettings({ panicShortcut: CHOSEN });
    const trigger = vi.fn(() => Promise.resolve());
    const binding = bindPanicShortcut({ globalShortcut: gs, settings, trigger, logger: logger() });
    settings.set({ theme: 'dark' });
    expect(gs.register).toHaveBeenCalledTimes(1);
    settings.set({ panicShortcut: 'CommandOrControl+Alt+Shift+X' });
    expect(gs.unregister).toHaveBeenCalledWith(CHOSEN);
    expect(binding.active()).toBe('CommandOrControl+Alt+Shift+X');
    gs.press(CHOSEN);
    expect(trigger).not.toHaveBeenCalled();
    gs.press('CommandOrControl+Alt+Shift+X');
    expect(trigger).toHaveBeenCalledTimes(1);
  });

  it('registers nothing while the shortcut is off (the default), and unregisters when it is turned off or reset', () => {
    const gs = fakeGlobalShortcut();
    const settings = fakeSettings();
    expect(DEFAULT_SETTINGS.panicShortcut).toBeNull();
    const binding = bindPanicShortcut({
      globalShortcut: gs,
      settings,
      trigger: () => Promise.resolve(),
      logger: logger(),
    });
    expect(gs.register).not.toHaveBeenCalled();
    expect(binding.active()).toBeNull();
    settings.set({ panicShortcut: 'CommandOrControl+Alt+Shift+F12' });
    expect([...gs.registered.keys()]).toEqual(['CommandOrControl+Alt+Shift+F12']);
    // The reset after a wipe puts the default back: off.
    settings.set({ panicShortcut: DEFAULT_SETTINGS.panicShortcut });
    expect(binding.active()).toBeNull();
    expect([...gs.registered.keys()]).toEqual([]);
  });

  it('says so (without the keys) when another app holds the shortcut, and recovers on a new choice', () => {
    const gs = fakeGlobalShortcut([CHOSEN]);
    const log = logger();
    const settings = fakeSettings({ panicShortcut: CHOSEN });
    const binding = bindPanicShortcut({
      globalShortcut: gs,
      settings,
      trigger: () => Promise.resolve(),
      logger: log,
    });
    expect(binding.active()).toBeNull();
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(log.warn.mock.calls)).not.toContain('Shift');
    settings.set({ panicShortcut: 'CommandOrControl+Alt+Shift+X' });
    expect(binding.active()).toBe('CommandOrControl+Alt+Shift+X');
  });

  it('a failing wipe is logged, never thrown into the OS callback', async () => {
    const gs = fakeGlobalShortcut();
    const log = logger();
    bindPanicShortcut({
      globalShortcut: gs,
      settings: fakeSettings({ panicShortcut: CHOSEN }),
      trigger: () => Promise.reject(new Error('disk gone')),
      logger: log,
    });
    expect(() => gs.press(CHOSEN)).not.toThrow();
    await vi.waitFor(() => expect(log.warn).toHaveBeenCalled());
  });

  it('dispose unregisters and stops following the setting', () => {
    const gs = fakeGlobalShortcut();
    const settings = fakeSettings({ panicShortcut: CHOSEN });
    const binding = bindPanicShortcut({
      globalShortcut: gs,
      settings,
      trigger: () => Promise.resolve(),
      logger: logger(),
    });
    binding.dispose();
    expect(gs.registered.size).toBe(0);
    settings.set({ panicShortcut: 'CommandOrControl+Alt+Shift+X' });
    expect(gs.registered.size).toBe(0);
  });
});

describe('createElectronPanicPorts', () => {
  function fakes(failing?: string) {
    const calls: string[] = [];
    const step = (name: string) => () => {
      calls.push(name);
      return name === failing ? Promise.reject(new Error(name)) : Promise.resolve();
    };
    const session = {
      clearData: step('clearData'),
      clearStorageData: step('clearStorageData'),
      clearCache: step('clearCache'),
      clearAuthCache: step('clearAuthCache'),
      clearCodeCaches: step('clearCodeCaches'),
      flushStorageData: () => void calls.push('flush'),
    };
    const app = {
      clearRecentDocuments: () => void calls.push('recent'),
      quit: () => void calls.push('quit'),
    };
    const windows = [
      { isDestroyed: () => false, webContents: { reloadIgnoringCache: () => void calls.push('reload:a') } },
      { isDestroyed: () => true, webContents: { reloadIgnoringCache: () => void calls.push('reload:b') } },
    ];
    return { calls, ports: createElectronPanicPorts({ session, app, windows: () => windows }) };
  }

  it('clears every kind of session data, then flushes', async () => {
    const { calls, ports } = fakes();
    await ports.clearSessionData();
    expect(calls).toEqual([
      'clearData',
      'clearStorageData',
      'clearCache',
      'clearAuthCache',
      'clearCodeCaches',
      'flush',
    ]);
  });

  it('still runs every clear when one fails, and reports the failure to the plan', async () => {
    const { calls, ports } = fakes('clearCache');
    await expect(ports.clearSessionData()).rejects.toThrow();
    expect(calls).toContain('clearCodeCaches');
    expect(calls).toContain('flush');
  });

  it('clears recent documents, quits, and reloads only live windows after a wipe', async () => {
    const { calls, ports } = fakes();
    await ports.clearRecentDocuments();
    ports.afterEndState?.('first-run');
    ports.quit();
    expect(calls).toEqual(['recent', 'reload:a', 'quit']);
  });
});

describe('the panic shortcut state port', () => {
  it('reports what the OS really answered, on every (re-)registration', () => {
    const gs = fakeGlobalShortcut(['CommandOrControl+Alt+Shift+X']);
    const settings = fakeSettings({ panicShortcut: 'CommandOrControl+Alt+Shift+P' });
    const port = createPanicShortcutPort();
    const seen: unknown[] = [];
    port.onChange((state) => seen.push(state));
    expect(port.state()).toBeNull();
    bindPanicShortcut({
      globalShortcut: gs,
      settings,
      trigger: () => Promise.resolve(),
      logger: logger(),
      onState: (state) => port.set(state),
    });
    expect(port.state()).toEqual({ accelerator: 'CommandOrControl+Alt+Shift+P', registered: true });
    settings.set({ panicShortcut: 'CommandOrControl+Alt+Shift+X' });
    expect(port.state()).toEqual({ accelerator: 'CommandOrControl+Alt+Shift+X', registered: false });
    expect(seen).toHaveLength(2);
  });
});
