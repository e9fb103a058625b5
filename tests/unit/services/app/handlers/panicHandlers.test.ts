import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { panicPorts } from '../../../../../electron/services/app/services';
import type { PanicShortcutPort, PanicShortcutState } from '../../../../../electron/services/app/hostPorts';
import { PANIC_DRILLS_COLLECTION } from '../../../../../electron/services/app/handlers/panicHandlers';
import type { Runtime } from '../../../../../electron/services/app/runtime';
import { createRuntime } from '../../../../../electron/services/app/runtime';
import { createConfBackend } from '../../../../../electron/services/settings/confBackend';
import { createSettingsService } from '../../../../../electron/services/settings/settingsService';
import { isTikhoError } from '../../../../../shared/errors';
import type { EventName } from '../../../../../shared/ipc/contract';
import { DEFAULT_SETTINGS } from '../../../../../shared/settings';

const FLOOR = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const REAL = 'velvet orbit lantern quietly harvest marble';
const DURESS = 'copper meadow whistle sleepy harbour violin';
const silent = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

const dirs: string[] = [];
const runtimes: Runtime[] = [];
afterEach(async () => {
  for (const r of runtimes.splice(0)) await r.shutdown();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function setup(
  extraPorts: { panicShortcut?: PanicShortcutPort } = {},
  { settingsFileIn }: { settingsFileIn?: 'data-folder' } = {},
) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-panic-handlers-'));
  dirs.push(root);
  const dataDir = path.join(root, 'data');
  const tmpDir = path.join(root, 'tmp');
  fs.mkdirSync(dataDir);
  fs.mkdirSync(tmpDir);
  const writes: unknown[] = [];
  // As the app has it: settings.json in the data folder, which a wipe empties.
  const file = settingsFileIn ? createConfBackend(dataDir) : null;
  const settings = createSettingsService({
    backend: {
      read: () => file?.read(),
      write: (v) => {
        writes.push(v);
        file?.write(v);
      },
    },
    logger: silent,
  });
  const events: { event: EventName; payload: unknown }[] = [];
  const host = {
    clearSessionData: vi.fn(() => Promise.resolve()),
    clearRecentDocuments: vi.fn(() => Promise.resolve()),
    quit: vi.fn(),
    afterEndState: vi.fn(),
  };
  const runtime = createRuntime({
    version: '0.0.0',
    platform: 'linux',
    host: 'harness',
    profile: 'user',
    systemLanguage: 'en',
    dataDir,
    resourcesDir: path.resolve('resources'),
    settings,
    logger: silent,
    emit: (event, payload) => void events.push({ event, payload }),
    kdf: FLOOR,
    panicTmpDir: tmpDir,
    ports: {
      clipboard: { writeText: () => undefined, readText: () => Promise.resolve(''), clear: () => undefined },
      chooseSavePath: () => Promise.resolve(null),
      idleSeconds: () => 0,
      panic: host,
      ...extraPorts,
    },
  });
  runtimes.push(runtime);
  const t = runtime.table;
  await t['vault:create']({ passphrase: REAL, withRecoveryCode: false });
  // A new vault gets its spare/ filler in the background: the folder is settled once it is there.
  await runtime.services.panic.whenIdle();
  return { runtime, t, dataDir, events, host, settings, writes };
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return isTikhoError(err) ? err.code : 'not-a-tikho-error';
  }
}

const wiped = (events: { event: EventName; payload: unknown }[]) =>
  events.filter((e) => e.event === 'events:wiped').map((e) => e.payload);

describe('vault unlock through the panic service', () => {
  it('a normal unlock and a wrong passphrase behave as before, with no wipe', async () => {
    const { t, runtime, events, dataDir } = await setup();
    await runtime.services.lock.lock('manual');
    expect(await codeOf(Promise.resolve(t['vault:unlock']({ passphrase: 'not it at all' })))).toBe(
      'vault/wrong-passphrase',
    );
    expect(await t['vault:unlock']({ passphrase: REAL })).toEqual({});
    expect(wiped(events)).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'vault', 'index.bin'))).toBe(true);
  });

  it('the duress passphrase with "fresh" wipes silently and sends the window to the first run', async () => {
    const { t, runtime, events, dataDir } = await setup();
    await t['panic:setUpDuress']({ currentPassphrase: REAL, duressPassphrase: DURESS });
    await t['panic:setEndState']({ endState: 'fresh' });
    await runtime.services.lock.lock('manual');
    expect(await codeOf(Promise.resolve(t['vault:unlock']({ passphrase: DURESS })))).toBe('vault/not-found');
    expect(wiped(events)).toEqual([{ screen: 'first-run' }]);
    await runtime.services.panic.whenIdle();
    expect(fs.readdirSync(dataDir)).toEqual([]);
    expect(await t['vault:status']({})).toEqual({ state: 'none' });
  });

  it('the duress passphrase with a decoy returns exactly what a normal unlock returns', async () => {
    const { t, runtime, events } = await setup();
    await t['notes:create']({ title: 'real', body: 'REAL-MARKER', tags: [], pinned: false });
    await t['panic:setUpDuress']({
      currentPassphrase: REAL,
      duressPassphrase: DURESS,
      decoyNotes: [{ title: 'Shopping list', body: 'milk' }],
    });
    await t['panic:setEndState']({ endState: 'decoy' });
    await runtime.services.lock.lock('manual');
    expect(await t['vault:unlock']({ passphrase: DURESS })).toEqual({});
    expect(wiped(events)).toEqual([]);
    const titles = runtime.services.vault.notes.list().map((n) => n.title);
    expect(titles).toEqual(['Shopping list']);
    // The decoy looks unconfigured: no duress slot.
    expect((await t['panic:config']({})).duressSet).toBe(false);
  });

  it('after a duress unlock into the decoy the data folder has a settings file, with defaults only', async () => {
    const { t, runtime, settings, dataDir } = await setup({}, { settingsFileIn: 'data-folder' });
    settings.update({ language: 'ru', theme: 'dark', autoLockMinutes: 30 });
    await t['panic:setUpDuress']({
      currentPassphrase: REAL,
      duressPassphrase: DURESS,
      decoyNotes: [{ title: 'Shopping list', body: 'milk' }],
    });
    await runtime.services.lock.lock('manual');
    expect(await t['vault:unlock']({ passphrase: DURESS })).toEqual({});
    await runtime.services.panic.whenIdle();
    // What an examiner opens first: a real notebook's folder always has settings.json.
    const file = JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as unknown;
    expect(file).toEqual({ ...DEFAULT_SETTINGS, language: 'ru' });
    expect(fs.readdirSync(dataDir).sort()).toEqual(['settings.json', 'spare', 'state.bin', 'vault']);
  });

  it('refuses a duress passphrase under the strength policy of the real one', async () => {
    const { t } = await setup();
    for (const weak of ['password', 'password1', 'qwertyuiop']) {
      const err = await Promise.resolve(
        t['panic:setUpDuress']({ currentPassphrase: REAL, duressPassphrase: weak }),
      ).catch((e: unknown) => e);
      expect(isTikhoError(err) && err.code, weak).toBe('vault/passphrase-too-weak');
    }
    expect((await t['panic:config']({})).duressSet).toBe(false);
  });

  it('refuses a duress passphrase a typo away from the real one, with the reason', async () => {
    const { t } = await setup();
    const err = await Promise.resolve(
      t['panic:setUpDuress']({ currentPassphrase: REAL, duressPassphrase: REAL.replace('orbit', 'orbti') }),
    ).catch((e: unknown) => e);
    expect(isTikhoError(err) && err.code).toBe('panic/duress-too-close');
    expect(isTikhoError(err) && err.params.reason).toBe('edit-distance');
    expect((await t['panic:config']({})).duressSet).toBe(false);
  });

  it('the failed-unlock limit wipes on the N-th wrong passphrase and the window closes', async () => {
    const { t, runtime, events, host, dataDir } = await setup();
    await t['panic:setFailedUnlockLimit']({ limit: 3 });
    expect(await t['panic:remainingAttempts']({})).toEqual({ remaining: 3 });
    await runtime.services.lock.lock('manual');
    for (let i = 0; i < 2; i++)
      expect(await codeOf(Promise.resolve(t['vault:unlock']({ passphrase: `wrong ${i} wrong wrong` })))).toBe(
        'vault/wrong-passphrase',
      );
    expect(fs.existsSync(path.join(dataDir, 'vault'))).toBe(true);
    expect(await codeOf(Promise.resolve(t['vault:unlock']({ passphrase: 'third wrong one here' })))).toBe(
      'vault/wrong-passphrase',
    );
    expect(host.quit).toHaveBeenCalledTimes(1);
    expect(wiped(events)).toContainEqual({ screen: 'closed' });
    expect(fs.existsSync(path.join(dataDir, 'vault'))).toBe(false);
  });
});

describe('panic handlers', () => {
  it('refuse to wipe, count attempts or drill while locked', async () => {
    const { t, runtime, dataDir } = await setup();
    await runtime.services.lock.lock('manual');
    expect(await codeOf(Promise.resolve(t['panic:trigger']({})))).toBe('panic/locked');
    expect(await codeOf(Promise.resolve(t['panic:remainingAttempts']({})))).toBe('panic/locked');
    expect(await codeOf(Promise.resolve(t['panic:drill']({})))).toBe('panic/locked');
    expect(await codeOf(Promise.resolve(t['panic:config']({})))).toBe('panic/locked');
    expect(fs.existsSync(path.join(dataDir, 'vault', 'index.bin'))).toBe(true);
  });

  it('the button wipes, calls every Electron port, resets the settings in memory and shows the end state', async () => {
    const { t, events, host, settings, writes } = await setup();
    settings.update({ panicShortcut: 'CommandOrControl+Alt+Shift+X', autoLockMinutes: 30 });
    await t['panic:setEndState']({ endState: 'fresh' });
    const writesBefore = writes.length;
    expect(await t['panic:trigger']({})).toEqual({});
    expect(host.clearSessionData).toHaveBeenCalledTimes(1);
    expect(host.clearRecentDocuments).toHaveBeenCalledTimes(1);
    expect(host.afterEndState).toHaveBeenCalledWith('first-run');
    expect(host.quit).not.toHaveBeenCalled();
    expect(wiped(events)).toEqual([{ screen: 'first-run' }]);
    expect(settings.get().panicShortcut).toBe(DEFAULT_SETTINGS.panicShortcut);
    expect(settings.get().autoLockMinutes).toBe(DEFAULT_SETTINGS.autoLockMinutes);
    // Nothing wrote the old settings back into the wiped folder: only the defaults, once the
    // folder was empty (a running app has a settings file), the language kept.
    expect(writes.slice(writesBefore)).toEqual([{ ...DEFAULT_SETTINGS, language: settings.get().language }]);
  });

  it('a drill reports its steps in order, records itself for the checklist and leaves the vault working', async () => {
    const { t, runtime } = await setup();
    await t['notes:create']({ title: 'real', body: 'still here', tags: [], pinned: false });
    const report = await t['panic:drill']({});
    expect(report.drill).toBe(true);
    const names = report.steps.map((s) => s.step);
    expect(names.indexOf('destroy-keys')).toBeLessThan(names.indexOf('purge'));
    expect(report.destroyed.notes).toBe(1);
    const ids = await runtime.services.vault.records.list(PANIC_DRILLS_COLLECTION);
    expect(ids).toHaveLength(1);
    await runtime.services.lock.lock('manual');
    expect(await t['vault:unlock']({ passphrase: REAL })).toEqual({});
    expect(runtime.services.vault.notes.list().map((n) => n.title)).toEqual(['real']);
  });
});

describe('panicPorts', () => {
  it('the quit port blanks the window before Electron quits; end states go to the renderer', () => {
    const calls: string[] = [];
    const ports = panicPorts(
      {
        ports: {
          clipboard: {
            writeText: () => undefined,
            readText: () => Promise.resolve(''),
            clear: () => undefined,
          },
          chooseSavePath: () => Promise.resolve(null),
          idleSeconds: () => 0,
          panic: {
            clearSessionData: () => Promise.resolve(),
            clearRecentDocuments: () => Promise.resolve(),
            quit: () => void calls.push('quit'),
          },
        },
        settings: {
          get: () => DEFAULT_SETTINGS,
          update: () => DEFAULT_SETTINGS,
          onChange: () => () => true,
          reset: () => void calls.push('reset'),
          persist: () => void calls.push('persist'),
        },
        emit: (event, payload) => void calls.push(`${event}:${JSON.stringify(payload)}`),
      },
      { clearIfOwned: () => Promise.resolve(true) },
    );
    void ports.quit?.();
    void ports.showEndState?.('lock');
    void ports.resetAppState?.();
    void ports.restoreAppState?.();
    expect(calls).toEqual([
      'events:wiped:{"screen":"closed"}',
      'quit',
      'events:wiped:{"screen":"lock"}',
      'reset',
      'persist',
    ]);
  });
});

describe('the panic shortcut as the OS answered it', () => {
  function portAnswering(answer: () => PanicShortcutState | null): PanicShortcutPort {
    return { state: answer, onChange: () => () => undefined };
  }

  it('off until chosen; refused or registered as the OS said; unknown for an answer about other keys', async () => {
    let registered = false;
    let answeredFor = 'CommandOrControl+Alt+Shift+K';
    const { t, settings } = await setup({
      panicShortcut: portAnswering(() => ({ accelerator: answeredFor, registered })),
    });
    expect(t['panic:shortcutStatus']({})).toEqual({ status: 'off' });
    settings.update({ panicShortcut: 'CommandOrControl+Alt+Shift+K' });
    expect(t['panic:shortcutStatus']({})).toEqual({ status: 'refused' });
    registered = true;
    expect(t['panic:shortcutStatus']({})).toEqual({ status: 'registered' });
    answeredFor = 'CommandOrControl+Alt+Shift+J';
    expect(t['panic:shortcutStatus']({})).toEqual({ status: 'unknown' });
  });

  it('a host with no global shortcuts (the browser harness) says unknown, never registered', async () => {
    const { t, settings } = await setup();
    settings.update({ panicShortcut: 'CommandOrControl+Alt+Shift+K' });
    expect(t['panic:shortcutStatus']({})).toEqual({ status: 'unknown' });
  });
});
