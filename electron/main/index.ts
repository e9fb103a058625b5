import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  clipboard,
  dialog,
  globalShortcut,
  Menu,
  nativeTheme,
  powerMonitor,
  protocol,
  safeStorage,
  session,
} from 'electron';
import { buildCsp, CSP, DEV_CSP_OVERRIDES } from '../../shared/csp';
import type { EventName, EventPayload } from '../../shared/ipc/contract';
import type { AppProfile } from '../services/app/hostPorts';
import { createRuntime } from '../services/app/runtime';
import { resolveLanguage } from '../services/i18n/resolveLanguage';
import { createMainTranslator } from '../services/i18n/mainTranslator';
import type { MainTranslator } from '../services/i18n/mainTranslator';
import { createDispatcher } from '../services/ipc/dispatch';
import { createLogger } from '../services/log/logger';
import { createConfBackend } from '../services/settings/confBackend';
import { createSettingsService } from '../services/settings/settingsService';
import { registerIpc } from './ipc/registerIpc';
import { buildMenuTemplate } from './menu';
import { createMirrorKeystore } from './mirrorKeystore';
import {
  bindPanicShortcut,
  createElectronPanicPorts,
  createPanicShortcutPort,
  panicShortcutAction,
} from './panicGlue';
import { relaunchOptions, resolveAppPaths, userDataFolder } from './paths';
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, mimeTypeFor, resolveAppPath } from './security/appProtocol';
import { hardenSession } from './security/hardenSession';
import { hardenWebContents } from './security/hardenWebContents';
import { createMainWindow } from './window/createMainWindow';
import { reportStartupFailure } from './startupFailure';
import { mainWindowOptions } from './window/windowOptions';
import { applyWindowIcon, windowIconPath } from './window/windowIcon';

const logger = createLogger();
// Never in a package; an empty variable is no dev server either.
const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL || null : null;
const isDev = devServerUrl !== null;

/** `--profile=practice|desk` runs the same app on another data folder (workshops, support desks). */
function profileFromArgs(argv: readonly string[]): AppProfile {
  const arg = argv.find((a) => a.startsWith('--profile='))?.slice('--profile='.length);
  return arg === 'practice' || arg === 'desk' ? arg : 'user';
}
const profile = profileFromArgs(process.argv);
// A developer's `npm start` must never open the real vault of the packaged app on the same machine.
app.setPath(
  'userData',
  userDataFolder({
    appData: app.getPath('appData'),
    name: app.getName(),
    isPackaged: app.isPackaged,
    profile,
    exists: (folder) => existsSync(folder),
  }),
);

// Must run before `ready` (Electron security checklist #4; Element: fixes half-sandboxed popups).
app.enableSandbox();
// Crash dumps would hold decrypted notes and keys from main's memory.
app.commandLine.appendSwitch('disable-crash-reporter');
// Wayland has no app-wide key grabs: the panic shortcut goes through the desktop's GlobalShortcuts
// portal (KDE Plasma 6, GNOME 48+), which finds the app by package.json's desktopName.
if (process.platform === 'linux') app.commandLine.appendSwitch('enable-features', 'GlobalShortcutsPortal');
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

if (!app.requestSingleInstanceLock()) {
  // A second instance would open the same vault files concurrently.
  app.quit();
} else {
  let translator: MainTranslator | null = null;
  start((made) => {
    translator = made;
  }).catch((error: unknown) =>
    reportStartupFailure(
      {
        showErrorBox: (title, body) => dialog.showErrorBox(title, body),
        exit: (code) => app.exit(code),
        logger,
        translate: async () =>
          translator?.t ??
          (
            await createMainTranslator(
              resolveAppPaths('', app.getAppPath(), process.resourcesPath, app.isPackaged).resourcesDir,
              resolveLanguage(app.getPreferredSystemLanguages()),
            )
          ).t,
      },
      error,
    ),
  );
}

async function start(onTranslator: (translator: MainTranslator) => void): Promise<void> {
  await app.whenReady();
  const mainDir = path.dirname(fileURLToPath(import.meta.url));
  const paths = resolveAppPaths(mainDir, app.getAppPath(), process.resourcesPath, app.isPackaged);
  const dataDir = app.getPath('userData');

  // conf, in the folder given: electron-store would add its own ipcMain channel beside the dispatcher.
  const settings = createSettingsService({ backend: createConfBackend(dataDir), logger });
  const systemLanguage = resolveLanguage(app.getPreferredSystemLanguages());
  if (settings.get().language === null) settings.update({ language: systemLanguage });
  const translator = await createMainTranslator(
    paths.resourcesDir,
    settings.get().language ?? systemLanguage,
    () => settings.get().disguise,
  );
  onTranslator(translator);
  const panicShortcutPort = createPanicShortcutPort();
  // After ready: safeStorage answers "unknown" (Linux) or throws before it.
  const mirrorKeystore = await createMirrorKeystore({ safeStorage, platform: process.platform, logger });

  const windows = new Set<BrowserWindow>();
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    for (const win of windows) if (!win.isDestroyed()) win.webContents.send(event, payload);
  };

  const runtime = createRuntime({
    version: app.getVersion(),
    platform: process.platform,
    host: 'electron',
    profile,
    systemLanguage,
    dataDir,
    resourcesDir: paths.resourcesDir,
    settings,
    logger,
    emit,
    ports: {
      clipboard: {
        writeText: (text) => {
          void clipboard.writeText(text);
        },
        readText: async () => clipboard.readText(),
        clear: () => clipboard.clear(),
      },
      chooseSavePath: async (defaultName) => {
        const [win] = windows;
        const options = { defaultPath: defaultName };
        const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      idleSeconds: () => powerMonitor.getSystemIdleTime(),
      printToPdf: async (defaultName) => {
        const [win] = windows;
        if (!win) return null;
        const target = await dialog.showSaveDialog(win, { defaultPath: defaultName });
        if (target.canceled || !target.filePath) return null;
        const pdf = await win.webContents.printToPDF({ printBackground: false, pageSize: 'A4' });
        await writeFile(target.filePath, pdf);
        return target.filePath;
      },
      openProfile: async (next) => {
        await runtime.shutdown();
        const args = process.argv.slice(1).filter((a) => !a.startsWith('--profile='));
        app.relaunch(relaunchOptions(next === 'user' ? args : [...args, `--profile=${next}`], process.env));
        app.exit(0);
      },
      panic: createElectronPanicPorts({ session: session.defaultSession, app, windows: () => windows }),
      panicShortcut: panicShortcutPort,
      mirrorKeystore,
    },
  });
  // Before any window exists: a wipe cut short by a kill or power loss is finished first.
  await runtime.recoverInterruptedWipe();
  const table = runtime.table;
  const lockNow = (): void => void runtime.services.lock.lock('manual');
  powerMonitor.on('suspend', () => void runtime.services.autoLock.onSuspend());
  // macOS and Windows only: Electron emits no 'lock-screen' on Linux (docs/threat-model.md).
  powerMonitor.on('lock-screen', () => void runtime.services.autoLock.onScreenLocked());
  const allowedOrigins = devServerUrl ? [APP_ORIGIN, new URL(devServerUrl).origin] : [APP_ORIGIN];
  registerIpc(createDispatcher({ table, allowedOrigins, logger }));

  hardenSession(
    session.defaultSession,
    devServerUrl ? new URL(devServerUrl).origin : null,
    devServerUrl ? buildCsp(DEV_CSP_OVERRIDES) : CSP,
  );
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  protocol.handle(APP_SCHEME, async (request) => {
    const filePath = resolveAppPath(paths.rendererDir, request.url);
    if (!filePath || request.method !== 'GET') return new Response(null, { status: 404 });
    try {
      const body = await readFile(filePath);
      return new Response(body, {
        headers: {
          'content-type': mimeTypeFor(filePath),
          'content-security-policy': CSP,
          'x-content-type-options': 'nosniff',
          'cache-control': 'no-store',
        },
      });
    } catch {
      return new Response(null, { status: 404 });
    }
  });

  const applyMenu = (): void => {
    Menu.setApplicationMenu(
      Menu.buildFromTemplate(buildMenuTemplate(translator.t, { lock: lockNow }, settings.get().lockShortcut)),
    );
  };
  applyMenu();
  let shownDisguise = settings.get().disguise;
  settings.onChange((next) => {
    // A disguise changes the menus' and the about box's wording too (shared/disguise.ts).
    void translator.setLanguage(next.language ?? systemLanguage).then(applyMenu);
    for (const win of windows) win.setContentProtection(next.contentProtection);
    if (next.disguise !== shownDisguise) {
      shownDisguise = next.disguise;
      applyWindowIcon(
        { windows, dock: process.platform === 'darwin' ? app.dock : undefined },
        windowIconPath(paths.resourcesDir, next.disguise),
      );
    }
  });

  const openWindow = (): void => {
    const win = createMainWindow({
      construct: (options) => new BrowserWindow(options),
      options: mainWindowOptions({
        preloadPath: paths.preloadPath,
        isDev,
        backgroundColor: nativeTheme.shouldUseDarkColors ? '#15181c' : '#f7f6f2',
        // Until the page sets its own (disguised) title, the window says what the menus say.
        title: translator.t('common:appName'),
        icon: windowIconPath(paths.resourcesDir, settings.get().disguise),
      }),
      url: devServerUrl ?? APP_ENTRY_URL,
      contentProtection: settings.get().contentProtection,
    }) as BrowserWindow;
    windows.add(win);
    win.on('closed', () => windows.delete(win));
    win.on('minimize', () => void runtime.services.autoLock.onWindowHidden());
    win.on('hide', () => void runtime.services.autoLock.onWindowHidden());
    win.webContents.on('render-process-gone', () => void runtime.services.autoLock.onRendererGone());
  };
  openWindow();
  // Registered with the OS: works while the window is hidden or unfocused, and acts at once.
  const panicShortcut = bindPanicShortcut({
    globalShortcut,
    settings,
    trigger: panicShortcutAction(runtime.services),
    logger,
    onState: (state) => panicShortcutPort.set(state),
  });

  app.on('second-instance', () => {
    // A second launch is the person asking for the window: bring it back, or make one.
    const [win] = windows;
    if (!win) {
      openWindow();
      return;
    }
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  app.on('activate', () => {
    if (windows.size === 0) openWindow();
  });
  app.on('window-all-closed', () => app.quit());
  let shutDown = false;
  app.on('before-quit', (event) => {
    if (shutDown) return;
    // Flush pending saves and zero keys before the process exits (saved on quit).
    event.preventDefault();
    void runtime.shutdown().finally(() => {
      shutDown = true;
      app.quit();
    });
  });
  app.on('will-quit', () => {
    panicShortcut.dispose();
    globalShortcut.unregisterAll();
  });
}
