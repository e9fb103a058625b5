import { describe, expect, it, vi } from 'vitest';

// The glue is tested against a small fake of the few Electron calls it makes; `tsc` against
// Electron's own types checks the rest (issue 2 §3).
const handle = vi.fn();
vi.mock('electron', () => ({ ipcMain: { handle } }));

const { createMainWindow } = await import('../../../electron/main/window/createMainWindow');
const { hardenSession } = await import('../../../electron/main/security/hardenSession');
const { hardenWebContents } = await import('../../../electron/main/security/hardenWebContents');
const { registerIpc, senderOf } = await import('../../../electron/main/ipc/registerIpc');
const { CHANNEL_NAMES } = await import('../../../shared/ipc/contract');
const { CSP } = await import('../../../shared/csp');

type Listener = (...args: unknown[]) => void;

function fakeEmitter(): {
  on: (event: string, listener: Listener) => unknown;
  emit: (event: string, ...args: unknown[]) => void;
} {
  const listeners = new Map<string, Listener[]>();
  return {
    on: (event, listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
    },
    emit: (event, ...args) => {
      for (const listener of listeners.get(event) ?? []) listener(...args);
    },
  };
}

describe('createMainWindow', () => {
  it('turns content protection on, loads the app URL and shows when ready', () => {
    const calls: string[] = [];
    const events = fakeEmitter();
    const win = {
      setContentProtection: (on: boolean) => calls.push(`protect:${on}`),
      setMenuBarVisibility: (on: boolean) => calls.push(`menu:${on}`),
      loadURL: (url: string) => {
        calls.push(`load:${url}`);
        return Promise.resolve();
      },
      once: (event: string, listener: Listener) => events.on(event, listener),
      on: (event: string, listener: Listener) => events.on(event, listener),
      show: () => calls.push('show'),
    };
    const construct = vi.fn(() => win);
    createMainWindow({
      construct: construct as never,
      options: { width: 1 },
      url: 'app://tikho/index.html',
      contentProtection: true,
    });
    expect(construct).toHaveBeenCalledWith({ width: 1 });
    expect(calls).toEqual(['protect:true', 'menu:false', 'load:app://tikho/index.html']);
    events.emit('ready-to-show');
    expect(calls).toContain('show');
  });
});

describe('hardenSession', () => {
  it('denies every permission request, check and device, cancels network requests and downloads, adds the CSP header', () => {
    let requestHandler: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null =
      null;
    let checkHandler: ((wc: unknown, permission: string) => boolean) | null = null;
    let deviceHandler: ((details: unknown) => boolean) | null = null;
    let spellChecker: boolean | null = null;
    let willDownload: ((event: { preventDefault(): void }) => void) | null = null;
    let beforeRequest: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null =
      null;
    let headers:
      ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | null =
      null;
    const session = {
      setPermissionRequestHandler: (h: typeof requestHandler) => {
        requestHandler = h;
      },
      setPermissionCheckHandler: (h: typeof checkHandler) => {
        checkHandler = h;
      },
      setDevicePermissionHandler: (h: typeof deviceHandler) => {
        deviceHandler = h;
      },
      setSpellCheckerEnabled: (enabled: boolean) => {
        spellChecker = enabled;
      },
      on: (event: string, h: typeof willDownload) => {
        if (event === 'will-download') willDownload = h;
      },
      webRequest: {
        onBeforeRequest: (_filter: unknown, h: typeof beforeRequest) => {
          beforeRequest = h;
        },
        onHeadersReceived: (h: typeof headers) => {
          headers = h;
        },
      },
    };
    hardenSession(session as never, null);
    const granted: boolean[] = [];
    requestHandler!(null, 'media', (g) => granted.push(g));
    requestHandler!(null, 'notifications', (g) => granted.push(g));
    expect(granted).toEqual([false, false]);
    expect(checkHandler!(null, 'clipboard-read')).toBe(false);
    expect(deviceHandler!({ deviceType: 'usb', origin: 'app://tikho' })).toBe(false);
    expect(spellChecker).toBe(false);
    const download = { preventDefault: vi.fn() };
    willDownload!(download);
    expect(download.preventDefault).toHaveBeenCalledTimes(1);
    const decisions: boolean[] = [];
    beforeRequest!({ url: 'https://example.com/' }, (r) => decisions.push(r.cancel));
    beforeRequest!({ url: 'app://tikho/index.html' }, (r) => decisions.push(r.cancel));
    expect(decisions).toEqual([true, false]);
    let result: unknown;
    headers!({ responseHeaders: { a: ['b'] } }, (r) => {
      result = r;
    });
    expect(result).toEqual({ responseHeaders: { a: ['b'], 'Content-Security-Policy': [CSP] } });
  });
});

describe('hardenWebContents', () => {
  it('cancels foreign navigation and redirects, webviews, and denies new windows', () => {
    const events = fakeEmitter();
    let openHandler: (() => unknown) | null = null;
    hardenWebContents({
      on: events.on,
      setWindowOpenHandler: (h: () => unknown) => {
        openHandler = h;
      },
    } as never);
    const prevented: string[] = [];
    const event = (name: string) => ({ preventDefault: () => prevented.push(name) });
    events.emit('will-navigate', event('https'), 'https://example.com/');
    events.emit('will-navigate', event('app'), 'app://tikho/index.html');
    events.emit('will-redirect', event('redirect'), 'file:///etc/passwd');
    events.emit('will-attach-webview', event('webview'));
    expect(prevented).toEqual(['https', 'redirect', 'webview']);
    expect(openHandler!()).toEqual({ action: 'deny' });
  });
});

describe('registerIpc', () => {
  it('registers exactly the contract channels through the dispatcher, with the sender frame', async () => {
    handle.mockClear();
    const dispatch = vi.fn(() => Promise.resolve({ ok: true as const, value: {} }));
    registerIpc(dispatch);
    expect(handle.mock.calls.map((c) => c[0] as string).sort()).toEqual([...CHANNEL_NAMES].sort());
    const [, listener] = handle.mock.calls.find((c) => c[0] === 'settings:get') as [string, Listener];
    const frame = { url: 'app://tikho/index.html', parent: null, isDestroyed: () => false, detached: false };
    await Promise.resolve(listener({ senderFrame: frame }, { x: 1 }));
    expect(dispatch).toHaveBeenCalledWith(
      'settings:get',
      { x: 1 },
      { url: 'app://tikho/index.html', isMainFrame: true },
    );
  });
  it('treats a destroyed, detached or missing frame as no sender', () => {
    expect(senderOf({ senderFrame: null })).toEqual({ url: null, isMainFrame: false });
    const destroyed = { url: 'app://tikho/', parent: null, isDestroyed: () => true, detached: false };
    expect(senderOf({ senderFrame: destroyed as never })).toEqual({ url: null, isMainFrame: false });
    const child = { url: 'app://tikho/', parent: {}, isDestroyed: () => false, detached: false };
    expect(senderOf({ senderFrame: child as never })).toEqual({ url: 'app://tikho/', isMainFrame: false });
  });
});
