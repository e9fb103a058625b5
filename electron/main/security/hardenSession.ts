import type { Session } from 'electron';
import { CSP } from '../../../shared/csp';
import { isPermissionGranted, shouldCancelRequest } from './guards';

export type SessionPort = {
  setPermissionRequestHandler: Session['setPermissionRequestHandler'];
  setPermissionCheckHandler: Session['setPermissionCheckHandler'];
  setDevicePermissionHandler: Session['setDevicePermissionHandler'];
  setSpellCheckerEnabled: Session['setSpellCheckerEnabled'];
  on: (event: 'will-download', listener: (event: { preventDefault(): void }) => void) => unknown;
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest' | 'onHeadersReceived'>;
};

/** Applies the session-level guards (docs/architecture.md §Hardening). */
export function hardenSession(session: SessionPort, devServerOrigin: string | null, csp: string = CSP): void {
  session.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(isPermissionGranted(permission)),
  );
  session.setPermissionCheckHandler((_wc, permission) => isPermissionGranted(permission));
  // WebUSB, WebHID, Web Serial, Bluetooth: a page could otherwise reach a security key or a phone.
  session.setDevicePermissionHandler(() => false);
  // The spellchecker downloads dictionaries from Google and keeps a custom-words file on disk.
  session.setSpellCheckerEnabled(false);
  // Nothing is ever downloaded by the page: exports go through main's save dialog.
  session.on('will-download', (event) => event.preventDefault());
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    callback({ cancel: shouldCancelRequest(details.url, devServerOrigin) });
  });
  // The app:// handler sets the CSP itself; this covers the dev server's responses, whose
  // policy only relaxes what Vite's dev server needs (inline styles, its HMR socket).
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] },
    });
  });
}
