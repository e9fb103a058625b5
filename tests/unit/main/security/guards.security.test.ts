import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, resolveAppPath } from '../../../../electron/main/security/appProtocol';
import {
  isAllowedNavigation,
  isPermissionGranted,
  shouldCancelRequest,
  WINDOW_OPEN_DENIED,
} from '../../../../electron/main/security/guards';
import { CSP, CSP_META } from '../../../../shared/csp';

describe('navigation guard (will-navigate / will-redirect)', () => {
  it('allows only the app document', () => {
    expect(isAllowedNavigation(APP_ENTRY_URL)).toBe(true);
    expect(isAllowedNavigation('app://tikho/')).toBe(true);
  });
  it.each([
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'https://tikho.example/',
    'app://tikho.evil/index.html',
    'app://evil/index.html',
    'app://user@tikho/index.html',
    'javascript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'not a url',
  ])('cancels %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('webRequest filter: the app makes no network request', () => {
  it.each([
    'https://example.com/x.js',
    'http://127.0.0.1:5173/',
    'ws://127.0.0.1:1/',
    'wss://example.com/',
    'ftp://example.com/',
    'file:///etc/passwd',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'app://evil/index.html',
    '::',
  ])('cancels %s', (url) => {
    expect(shouldCancelRequest(url)).toBe(true);
  });
  it.each([
    'app://tikho/index.html',
    'app://tikho/assets/index.js',
    'data:image/png;base64,AA',
    'blob:app://tikho/1',
  ])('lets local %s through', (url) => {
    expect(shouldCancelRequest(url)).toBe(false);
  });
  it('lets only the dev server through in development', () => {
    const dev = 'http://localhost:5173';
    expect(shouldCancelRequest('http://localhost:5173/src/main.tsx', dev)).toBe(false);
    expect(shouldCancelRequest('ws://localhost:5173/', dev)).toBe(false);
    expect(shouldCancelRequest('http://localhost:5174/', dev)).toBe(true);
    expect(shouldCancelRequest('https://example.com/', dev)).toBe(true);
  });
});

describe('permissions and windows', () => {
  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'clipboard-sanitized-write',
    'openExternal',
    'fullscreen',
    'hid',
    'serial',
    'usb',
  ])('denies %s', (permission) => {
    expect(isPermissionGranted(permission)).toBe(false);
  });
  it('denies window.open', () => {
    expect(WINDOW_OPEN_DENIED).toEqual({ action: 'deny' });
  });
});

describe('app:// protocol path resolution', () => {
  const root = '/opt/tikho/renderer';
  it('maps the app origin into the renderer folder', () => {
    expect(resolveAppPath(root, 'app://tikho/')).toBe('/opt/tikho/renderer/index.html');
    expect(resolveAppPath(root, 'app://tikho/assets/a.js')).toBe('/opt/tikho/renderer/assets/a.js');
  });
  it.each(['app://tikho/../../etc/passwd', 'app://tikho/%2e%2e/%2e%2e/etc/passwd'])(
    'keeps %s inside the renderer folder (URL parsing folds the dots)',
    (url) => {
      const resolved = resolveAppPath(root, url);
      expect(resolved === null || resolved.startsWith(`${root}/`)).toBe(true);
    },
  );
  it.each([
    'app://tikho/..%2f..%2fetc%2fpasswd',
    'app://tikho/assets%5c..%5c..%5csecret',
    'app://tikho/a%00.js',
    'app://other/index.html',
    'https://tikho/index.html',
    'app://tikho/%E0%A4%A',
  ])('refuses %s', (url) => {
    expect(resolveAppPath(root, url)).toBeNull();
  });
});

describe('Content-Security-Policy', () => {
  it('is the strict policy of design §3', () => {
    expect(CSP).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; " +
        "connect-src 'none'; media-src 'none'; object-src 'none'; frame-src 'none'; worker-src 'none'; " +
        "manifest-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });
  it('never allows inline or eval code', () => {
    expect(CSP).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });
  it('leaves frame-ancestors out of the meta form only', () => {
    expect(CSP_META).not.toContain('frame-ancestors');
    expect(CSP_META.split('; ').length).toBe(CSP.split('; ').length - 1);
  });
});
