import { APP_HOST, APP_SCHEME } from './appProtocol';

/**
 * Pure guard functions; the Electron glue only wires them to events so that every decision is
 * unit-tested (docs/architecture.md §Hardening).
 */

/** will-navigate / will-redirect: only the app's own document may load. */
export function isAllowedNavigation(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username;
  } catch {
    return false;
  }
}

/** Schemes that never touch the network: the app's own files and in-memory images. */
const LOCAL_SCHEMES = new Set([`${APP_SCHEME}:`, 'data:', 'blob:']);

/**
 * session.webRequest filter: the app makes no network request at all. In development the
 * vite dev server (and devtools) are the only exceptions, passed in explicitly.
 */
export function shouldCancelRequest(url: string, devServerOrigin: string | null = null): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return true;
  }
  if (parsed.protocol === `${APP_SCHEME}:`) return parsed.host !== APP_HOST;
  if (LOCAL_SCHEMES.has(parsed.protocol)) return false;
  if (devServerOrigin !== null) {
    if (parsed.protocol === 'devtools:') return false;
    const origin = `${parsed.protocol}//${parsed.host}`;
    const wsOrigin = devServerOrigin.replace(/^http/, 'ws');
    if (origin === devServerOrigin || origin === wsOrigin) return false;
  }
  return true;
}

/** Every permission (camera, microphone, geolocation, notifications, clipboard read…) is denied. */
export function isPermissionGranted(_permission: string): boolean {
  return false;
}

export const WINDOW_OPEN_DENIED = { action: 'deny' } as const;
