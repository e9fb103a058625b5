import type { WebContents } from 'electron';
import { isAllowedNavigation, WINDOW_OPEN_DENIED } from './guards';

export type WebContentsPort = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Installed on every web contents the app creates (app 'web-contents-created'). */
export function hardenWebContents(contents: WebContentsPort): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => WINDOW_OPEN_DENIED);
}
