import type { Session } from 'electron';
import { CSP } from '../../../shared/csp';
import { isPermissionGranted, shouldCancelRequest } from './guards';

export type SessionPort = {
  setPermissionRequestHandler: Session['setPermissionRequestHandler'];
  setPermissionCheckHandler: Session['setPermissionCheckHandler'];
  webRequest: Pick<Session['webRequest'], 'onBeforeRequest' | 'onHeadersReceived'>;
};

/** Applies the session-level guards (design §3). */
export function hardenSession(session: SessionPort, devServerOrigin: string | null, csp: string = CSP): void {
  session.setPermissionRequestHandler((_wc, permission, callback) =>
    callback(isPermissionGranted(permission)),
  );
  session.setPermissionCheckHandler((_wc, permission) => isPermissionGranted(permission));
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
