/**
 * Runs in its own Node process (tsx): resolves `electron` to the stand-in, imports a built main
 * bundle, fires `ready` and drives the real IPC handlers the bundle registered. Prints one
 * `BOOT_RESULT {json}` line for tests/unit/main/boot.test.ts and
 * tests/unit/scripts/packaging/packagedApp.test.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { IpcMainInvokeEvent } from 'electron';
import type * as StandInModule from './electronStandIn';

export interface BootOptions {
  bundle: string;
  isPackaged: boolean;
  appPath: string;
  /** Electron's process.resourcesPath (the folder holding app.asar in a package). */
  resourcesPath: string;
  appData: string;
  /** `start-failure`: only fire ready and report how the failure was handled. */
  scenario?: 'full' | 'start-failure';
}

export interface BootResult {
  violations: string[];
  errorBoxes: { title: string; body: string }[];
  exitCodes: number[];
  calls: string[];
  channels: number;
  userData: string;
  window: { url: string | null; sandbox: boolean | undefined; contentProtection: boolean | null };
  statusBefore: unknown;
  create: unknown;
  /** vault:checkPassphrase through the bundle: its estimate runs on the worker thread. */
  strength: unknown;
  ownKey: unknown;
  checklistItems: number;
  shortcuts: string[];
  statusAfterPanic: unknown;
  sessionCalls: string[];
  index: { status: number; csp: string | null; bytes: number };
  foreignSender: unknown;
  /** The window's icon file at construction and after a disguise was chosen, with whether each exists. */
  icon: { initial: string; disguised: string | null; exist: boolean[] };
  /** Windows after a second launch with the window open, then after one with it closed. */
  secondInstance: { calls: string[]; windowsAfterClose: number };
  /** The lock-screen mirror after a failed-unlock limit was set: its keystore-sealed key file and what main reports. */
  mirror: { stateKey: boolean; protection: unknown; remaining: unknown };
}

const HOOKS = `
let target;
export function initialize(data) { target = data.standIn; }
export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: target, shortCircuit: true };
  return next(specifier, context);
}`;

const options = JSON.parse(process.env.TIKHO_BOOT_OPTIONS ?? '') as BootOptions;
const standInUrl = new URL('./electronStandIn.ts', import.meta.url).href;
register(`data:text/javascript,${encodeURIComponent(HOOKS)}`, { data: { standIn: standInUrl } });

const { standIn } = (await import(standInUrl)) as typeof StandInModule;
standIn.configure({
  isPackaged: options.isPackaged,
  appPath: options.appPath,
  appData: options.appData,
  version: '0.1.0',
});
Object.defineProperty(process, 'resourcesPath', { value: options.resourcesPath, configurable: true });

await import(pathToFileURL(options.bundle).href);
standIn.fireReady();

async function until<T>(what: string, probe: () => T | undefined, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end || standIn.state.exitCodes.length > 0) {
      throw new Error(`boot: gave up waiting for ${what}; calls: ${standIn.state.calls.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const { state } = standIn;
function frameEvent(url: string): IpcMainInvokeEvent {
  const senderFrame = { url, parent: null, detached: false, isDestroyed: () => false };
  return { senderFrame } as unknown as IpcMainInvokeEvent;
}
async function invoke(channel: string, payload: unknown, url = 'app://tikho/index.html'): Promise<unknown> {
  const handler = state.handlers.get(channel);
  if (!handler) throw new Error(`boot: no handler for ${channel}`);
  return await handler(frameEvent(url), payload);
}

if (options.scenario === 'start-failure') {
  // Bounded: old code never exits, and the test must see that rather than hang.
  for (let waited = 0; state.exitCodes.length === 0 && waited < 5000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const { violations, errorBoxes, exitCodes, calls } = state;
  process.stdout.write(`BOOT_RESULT ${JSON.stringify({ violations, errorBoxes, exitCodes, calls })}\n`);
  process.exit();
}

let result: BootResult | null = null;
try {
  await until('the window', () => (state.windows.length > 0 ? true : undefined));
  // The panic shortcut is off until the person chooses one; they do it on the Panic screen.
  if (state.shortcuts.size !== 0)
    throw new Error('boot: a panic shortcut was registered before anyone chose one');
  await invoke('settings:update', { panicShortcut: 'CommandOrControl+Alt+Shift+P' });
  await until('the panic shortcut', () => (state.shortcuts.size > 0 ? true : undefined));
  const [win] = state.windows;
  const statusBefore = await invoke('vault:status', {});
  const create = await invoke('vault:create', {
    passphrase: 'violet harbour quietly folds seven paper lanterns',
    withRecoveryCode: false,
  });
  const strength = await invoke('vault:checkPassphrase', { passphrase: 'Summer2024!' });
  await invoke('panic:setFailedUnlockLimit', { limit: 5 });
  const panicConfig = (await invoke('panic:config', {})) as {
    ok: boolean;
    value?: { lockScreenProtection?: string };
  };
  const mirror = {
    stateKey: existsSync(join(state.paths.get('userData') ?? '', 'state.key')),
    protection: panicConfig.ok ? panicConfig.value?.lockScreenProtection : panicConfig,
    remaining: await invoke('panic:remainingAttempts', {}),
  };
  const ownKey = await invoke('contact:generateOwnKey', {});
  const content = (await invoke('checklist:content', { lang: 'en' })) as {
    ok: boolean;
    value?: { items: unknown[] };
  };
  const foreignSender = await invoke('vault:status', {}, 'https://example.com/');
  const initialIcon = typeof win?.options.icon === 'string' ? win.options.icon : '';
  await invoke('settings:update', { disguise: 'notes' });
  const disguisedIcon = await until('the disguise icon', () => win?.icons.at(-1));
  const icon = {
    initial: initialIcon,
    disguised: disguisedIcon,
    exist: [initialIcon, disguisedIcon].map((file) => existsSync(file)),
  };
  const appHandler = state.protocolHandlers.get('app');
  const response = appHandler ? await appHandler(new Request('app://tikho/index.html')) : null;
  const indexBody = response ? await response.arrayBuffer() : new ArrayBuffer(0);

  standIn.emitApp('second-instance', {}, [], '');
  const secondCalls = [...(win?.calls ?? [])];
  win?.events.emit('closed');
  standIn.emitApp('second-instance', {}, [], '');
  const secondInstance = { calls: secondCalls, windowsAfterClose: state.windows.length };

  const shortcuts = [...state.shortcuts.keys()];
  const panic = state.shortcuts.get(shortcuts[0] ?? '');
  panic?.();
  const statusAfterPanic = await until('the panic wipe', () => {
    const done =
      state.sessionCalls.includes('flushStorageData') &&
      ((win?.webContents.reloads ?? 0) > 0 || state.quits > 0);
    return done ? true : undefined;
  }).then(() => invoke('vault:status', {}));

  result = {
    violations: state.violations,
    errorBoxes: state.errorBoxes,
    exitCodes: state.exitCodes,
    calls: state.calls,
    channels: state.handlers.size,
    userData: state.paths.get('userData') ?? '',
    window: {
      url: win?.loadedUrl ?? null,
      sandbox: win?.options.webPreferences?.sandbox,
      contentProtection: win?.contentProtection ?? null,
    },
    statusBefore,
    create,
    strength,
    ownKey,
    checklistItems: content.ok ? (content.value?.items.length ?? 0) : -1,
    shortcuts,
    statusAfterPanic,
    sessionCalls: state.sessionCalls,
    index: {
      status: response?.status ?? 0,
      csp: response?.headers.get('content-security-policy') ?? null,
      bytes: indexBody.byteLength,
    },
    foreignSender,
    icon,
    secondInstance,
    mirror,
  };
} catch (error) {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.stderr.write(
    `violations: ${state.violations.join('; ')}; errorBoxes: ${JSON.stringify(state.errorBoxes)}\n`,
  );
  process.exitCode = 1;
}
if (result) process.stdout.write(`BOOT_RESULT ${JSON.stringify(result)}\n`);
// Worker threads (Argon2, autosave timers) would keep Node alive; the test has what it needs.
process.exit();
