import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';

/** The few BrowserWindow calls the factory makes; a fake implements them in tests. */
export type WindowPort = Pick<
  BrowserWindow,
  'setContentProtection' | 'loadURL' | 'once' | 'show' | 'on' | 'setMenuBarVisibility'
>;

export interface CreateMainWindowInput {
  construct: (options: BrowserWindowConstructorOptions) => WindowPort;
  options: BrowserWindowConstructorOptions;
  url: string;
  contentProtection: boolean;
}

export function createMainWindow({
  construct,
  options,
  url,
  contentProtection,
}: CreateMainWindowInput): WindowPort {
  const win = construct(options);
  // Keeps the window out of screenshots and screen sharing (shoulder surfing, remote tools).
  win.setContentProtection(contentProtection);
  win.setMenuBarVisibility(false);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(url);
  return win;
}
