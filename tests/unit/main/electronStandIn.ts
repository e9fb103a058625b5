/**
 * A stand-in for the `electron` module, for loading the real main bundle in plain Node (boot test,
 * issue 12). Every API object is checked by tsc against Electron's own electron.d.ts (`satisfies
 * Partial<…>`), so a call main makes with the wrong shape fails the type check, not just the test.
 * It records every call and throws, as Electron does, when an API that needs `ready` is used
 * before it, or one that must come before `ready` is used after.
 */
import type {
  App,
  BrowserWindowConstructorOptions,
  Clipboard,
  CommandLine,
  CustomScheme,
  Dialog,
  GlobalShortcut,
  IpcMain,
  IpcMainInvokeEvent,
  Menu as MenuType,
  MenuItemConstructorOptions,
  NativeTheme,
  PowerMonitor,
  Protocol,
  RelaunchOptions,
  SaveDialogReturnValue,
  Session,
  BrowserWindow as BrowserWindowType,
  WebContents,
  WebRequest,
} from 'electron';
import { createSafeStorageStandIn } from './safeStorageStandIn';

type Listener = (...args: never[]) => unknown;
type AnyListener = (...args: unknown[]) => unknown;

export interface StandInConfig {
  isPackaged: boolean;
  appPath: string;
  appData: string;
  version: string;
}

class Emitter {
  private readonly listeners = new Map<string, AnyListener[]>();
  add(event: string, listener: Listener, once = false): void {
    const wrapped: AnyListener = once
      ? (...args) => {
          this.remove(event, wrapped);
          return (listener as AnyListener)(...args);
        }
      : (listener as AnyListener);
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), wrapped]);
  }
  remove(event: string, listener: AnyListener): void {
    this.listeners.set(
      event,
      (this.listeners.get(event) ?? []).filter((l) => l !== listener),
    );
  }
  emit(event: string, ...args: unknown[]): number {
    const listeners = this.listeners.get(event) ?? [];
    for (const listener of listeners) listener(...args);
    return listeners.length;
  }
}

const state = {
  ready: false,
  config: null as StandInConfig | null,
  calls: [] as string[],
  violations: [] as string[],
  paths: new Map<string, string>(),
  handlers: new Map<string, (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown>(),
  protocolHandlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
  shortcuts: new Map<string, () => void>(),
  windows: [] as StandInWindow[],
  errorBoxes: [] as { title: string; body: string }[],
  exitCodes: [] as number[],
  quits: 0,
  sessionCalls: [] as string[],
};
const appEvents = new Emitter();
const powerEvents = new Emitter();
const sessionEvents = new Emitter();
let readyResolve: (() => void) | null = null;
const readyPromise = new Promise<void>((resolve) => {
  readyResolve = resolve;
});

function record(name: string): void {
  state.calls.push(name);
}

/** Electron throws for these before `ready`; so does the stand-in, and it remembers. */
function requireReady(name: string): void {
  record(name);
  if (!state.ready) {
    state.violations.push(`${name} before ready`);
    throw new Error(`stand-in electron: ${name} cannot be used before the app is ready`);
  }
}

function requireNotReady(name: string): void {
  record(name);
  if (state.ready) {
    state.violations.push(`${name} after ready`);
    throw new Error(`stand-in electron: ${name} must be called before the app is ready`);
  }
}

function config(): StandInConfig {
  if (!state.config) throw new Error('stand-in electron: configure() was not called');
  return state.config;
}

const commandLine = {
  appendSwitch: (name: string) => {
    requireNotReady(`app.commandLine.appendSwitch(${name})`);
  },
} satisfies Partial<CommandLine>;

export const app = {
  commandLine: commandLine as unknown as CommandLine,
  get isPackaged() {
    return config().isPackaged;
  },
  enableSandbox: () => requireNotReady('app.enableSandbox'),
  requestSingleInstanceLock: () => {
    record('app.requestSingleInstanceLock');
    return true;
  },
  whenReady: () => {
    record('app.whenReady');
    return readyPromise;
  },
  on(event: string, listener: Listener): App {
    record(`app.on(${event})`);
    appEvents.add(event, listener);
    return app as unknown as App;
  },
  getPath: (name: Parameters<App['getPath']>[0]) => {
    record(`app.getPath(${name})`);
    if (name === 'appData') return config().appData;
    const value = state.paths.get(name);
    if (value === undefined) throw new Error(`stand-in electron: no path ${name}`);
    return value;
  },
  setPath: (name: string, value: string) => {
    record(`app.setPath(${name})`);
    state.paths.set(name, value);
  },
  getName: () => 'Tikho',
  getAppPath: () => config().appPath,
  getVersion: () => config().version,
  getPreferredSystemLanguages: () => ['en-US'],
  relaunch: (_options?: RelaunchOptions) => record('app.relaunch'),
  exit: (code?: number) => {
    record('app.exit');
    state.exitCodes.push(code ?? 0);
  },
  quit: () => {
    record('app.quit');
    state.quits += 1;
  },
  clearRecentDocuments: () => record('app.clearRecentDocuments'),
} satisfies Partial<App>;

export const protocol = {
  registerSchemesAsPrivileged: (schemes: CustomScheme[]) => {
    requireNotReady(`protocol.registerSchemesAsPrivileged(${schemes.map((s) => s.scheme).join()})`);
  },
  handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => {
    requireReady(`protocol.handle(${scheme})`);
    state.protocolHandlers.set(scheme, handler);
  },
} satisfies Partial<Protocol>;

export const ipcMain = {
  handle: (channel: string, listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown) => {
    record(`ipcMain.handle(${channel})`);
    if (state.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    state.handlers.set(channel, listener);
  },
} satisfies Partial<IpcMain>;

export const globalShortcut = {
  register: (accelerator: string, callback: () => void) => {
    requireReady('globalShortcut.register');
    state.shortcuts.set(accelerator, callback);
    return true;
  },
  unregister: (accelerator: string) => {
    requireReady('globalShortcut.unregister');
    state.shortcuts.delete(accelerator);
  },
  unregisterAll: () => {
    requireReady('globalShortcut.unregisterAll');
    state.shortcuts.clear();
  },
} satisfies Partial<GlobalShortcut>;

export const powerMonitor = {
  on(event: string, listener: Listener): PowerMonitor {
    requireReady(`powerMonitor.on(${event})`);
    powerEvents.add(event, listener);
    return powerMonitor as unknown as PowerMonitor;
  },
  getSystemIdleTime: () => {
    requireReady('powerMonitor.getSystemIdleTime');
    return 0;
  },
} satisfies Partial<PowerMonitor>;

export const clipboard = {
  writeText: (_text: string) => {
    record('clipboard.writeText');
    return Promise.resolve();
  },
  readText: () => {
    record('clipboard.readText');
    return Promise.resolve('');
  },
  clear: () => record('clipboard.clear'),
} satisfies Partial<Clipboard>;

export const dialog = {
  showSaveDialog: (..._args: unknown[]): Promise<SaveDialogReturnValue> => {
    requireReady('dialog.showSaveDialog');
    return Promise.resolve({ canceled: true, filePath: '' });
  },
  showErrorBox: (title: string, content: string) => {
    record('dialog.showErrorBox');
    state.errorBoxes.push({ title, body: content });
  },
} satisfies Partial<Dialog>;

export const nativeTheme = { shouldUseDarkColors: false } satisfies Partial<NativeTheme>;

export const Menu = {
  buildFromTemplate: (template: (MenuItemConstructorOptions | Electron.MenuItem)[]): MenuType => {
    record(`Menu.buildFromTemplate(${template.length})`);
    return {} as MenuType;
  },
  setApplicationMenu: (_menu: MenuType | null) => record('Menu.setApplicationMenu'),
} satisfies Partial<typeof MenuType>;

const defaultSession = {
  setPermissionRequestHandler: () => record('session.setPermissionRequestHandler'),
  setPermissionCheckHandler: () => record('session.setPermissionCheckHandler'),
  setDevicePermissionHandler: () => record('session.setDevicePermissionHandler'),
  setSpellCheckerEnabled: (enable: boolean) => record(`session.setSpellCheckerEnabled(${enable})`),
  on(event: string, listener: Listener): Session {
    record(`session.on(${event})`);
    sessionEvents.add(event, listener);
    return defaultSession as unknown as Session;
  },
  webRequest: {
    onBeforeRequest: (..._args: unknown[]) => record('session.webRequest.onBeforeRequest'),
    onHeadersReceived: (..._args: unknown[]) => record('session.webRequest.onHeadersReceived'),
  } satisfies Partial<WebRequest> as unknown as WebRequest,
  clearData: () => sessionCall('clearData'),
  clearStorageData: () => sessionCall('clearStorageData'),
  clearCache: () => sessionCall('clearCache'),
  clearAuthCache: () => sessionCall('clearAuthCache'),
  clearCodeCaches: () => sessionCall('clearCodeCaches'),
  flushStorageData: () => {
    state.sessionCalls.push('flushStorageData');
  },
} satisfies Partial<Session>;

function sessionCall(name: string): Promise<void> {
  requireReady(`session.${name}`);
  state.sessionCalls.push(name);
  return Promise.resolve();
}

export const session = {
  get defaultSession(): Session {
    requireReady('session.defaultSession');
    return defaultSession as unknown as Session;
  },
} satisfies Partial<typeof Electron.session>;

class StandInWebContents implements Partial<WebContents> {
  readonly events = new Emitter();
  readonly sent: string[] = [];
  reloads = 0;
  windowOpenHandler: unknown = null;
  on(event: string, listener: Listener): WebContents {
    this.events.add(event, listener);
    return this as unknown as WebContents;
  }
  send(channel: string): void {
    this.sent.push(channel);
  }
  setWindowOpenHandler(handler: Parameters<WebContents['setWindowOpenHandler']>[0]): void {
    this.windowOpenHandler = handler;
  }
  reloadIgnoringCache(): void {
    this.reloads += 1;
  }
}

class StandInWindow implements Partial<Omit<BrowserWindowType, 'webContents'>> {
  readonly events = new Emitter();
  readonly webContents: StandInWebContents;
  readonly calls: string[] = [];
  loadedUrl: string | null = null;
  contentProtection: boolean | null = null;
  readonly icons: string[] = [];
  constructor(readonly options: BrowserWindowConstructorOptions) {
    requireReady('new BrowserWindow');
    this.webContents = new StandInWebContents();
    state.windows.push(this);
    appEvents.emit('web-contents-created', {}, this.webContents);
  }
  setContentProtection(enable: boolean): void {
    this.contentProtection = enable;
  }
  setIcon(icon: string): void {
    this.icons.push(icon);
  }
  setMenuBarVisibility(visible: boolean): void {
    this.calls.push(`menuBar:${visible}`);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  once(event: string, listener: Listener): BrowserWindowType {
    this.events.add(event, listener, true);
    return this as unknown as BrowserWindowType;
  }
  on(event: string, listener: Listener): BrowserWindowType {
    this.events.add(event, listener);
    return this as unknown as BrowserWindowType;
  }
  show(): void {
    this.calls.push('show');
  }
  focus(): void {
    this.calls.push('focus');
  }
  restore(): void {
    this.calls.push('restore');
  }
  isMinimized(): boolean {
    return false;
  }
  isDestroyed(): boolean {
    return false;
  }
}

export const BrowserWindow = StandInWindow;

export const safeStorage = createSafeStorageStandIn(requireReady);

/** What the boot runner drives and reads; not part of Electron's API. */
export const standIn = {
  configure(next: StandInConfig): void {
    state.config = next;
  },
  fireReady(): void {
    state.ready = true;
    readyResolve?.();
    appEvents.emit('ready');
  },
  emitApp(event: string, ...args: unknown[]): number {
    return appEvents.emit(event, ...args);
  },
  state,
};
