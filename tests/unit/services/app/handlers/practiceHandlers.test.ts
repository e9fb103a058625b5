import { ANCHOR_FILE, HEADER_FILE } from '../../../../../electron/services/vault/formatConstants';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bindPanicShortcut, panicShortcutAction } from '../../../../../electron/main/panicGlue';
import type { Runtime } from '../../../../../electron/services/app/runtime';
import { createRuntime } from '../../../../../electron/services/app/runtime';
import { PANIC_DRILLS_COLLECTION } from '../../../../../electron/services/panic/panicConfig';
import { createSettingsService } from '../../../../../electron/services/settings/settingsService';
import { isTikhoError } from '../../../../../shared/errors';
import type { EventName } from '../../../../../shared/ipc/contract';

const FLOOR = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const REAL = 'velvet orbit lantern quietly harvest marble';
const DURESS = 'copper meadow whistle sleepy harbour violin';
const SHORTCUT = 'CommandOrControl+Alt+Shift+K';
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

async function setup(host: 'harness' | 'electron' = 'harness') {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-practice-'));
  dirs.push(root);
  const dataDir = path.join(root, 'data');
  const tmpDir = path.join(root, 'tmp');
  fs.mkdirSync(dataDir);
  fs.mkdirSync(tmpDir);
  const settings = createSettingsService({
    backend: { read: () => undefined, write: () => undefined },
    logger: silent,
  });
  const events: { event: EventName; payload: unknown }[] = [];
  const ports = {
    clearSessionData: vi.fn(() => Promise.resolve()),
    clearRecentDocuments: vi.fn(() => Promise.resolve()),
    quit: vi.fn(),
    afterEndState: vi.fn(),
  };
  const runtime = createRuntime({
    version: '0.0.0',
    platform: 'linux',
    host,
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
      panic: ports,
    },
  });
  runtimes.push(runtime);
  const t = runtime.table;
  await t['vault:create']({ passphrase: REAL, withRecoveryCode: false });
  // A new vault gets its spare/ filler in the background: the folder is settled once it is there.
  await runtime.services.panic.whenIdle();
  await t['notes:create']({ title: 'real note', body: 'REAL-MARKER', tags: [], pinned: false });
  return { runtime, t, dataDir, tmpDir, events, ports, settings };
}

/** Every file of the real data folder, by relative path, with its bytes. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(dir, p), fs.readFileSync(p).toString('base64'));
    }
  };
  walk(dir);
  return out;
}

/**
 * The real folder after a practice: nothing changed or removed — the key header, the decoy, the
 * lock-screen mirror, every record — and the only new files are drill records (whose write also
 * re-encrypts the vault's manifest, the one file allowed to change).
 */
async function expectUntouched(
  env: Awaited<ReturnType<typeof setup>>,
  before: Map<string, string>,
  drills: number,
) {
  const after = snapshot(env.dataDir);
  const header = path.join('vault', HEADER_FILE);
  expect(before.get(header)).toBeDefined();
  expect(after.get(header)).toBe(before.get(header));
  // The drill record is a vault write: the manifest and its rollback anchor change, nothing else.
  const written = [path.join('vault', 'manifest.bin'), path.join('vault', ANCHOR_FILE)];
  for (const [file, bytes] of before) if (!written.includes(file)) expect(after.get(file), file).toBe(bytes);
  expect(after.size - before.size).toBe(drills);
  expect((await env.runtime.services.vault.records.list(PANIC_DRILLS_COLLECTION)).length).toBe(drills);
  // The real notebook is still open and readable, and nothing outside the copy was asked to act.
  expect(env.runtime.services.vault.notes.list().map((n) => n.title)).toContain('real note');
  expect(env.ports.clearSessionData).not.toHaveBeenCalled();
  expect(env.ports.quit).not.toHaveBeenCalled();
  expect(env.ports.afterEndState).not.toHaveBeenCalled();
  expect(env.events.filter((e) => e.event === 'events:wiped')).toEqual([]);
  // No copy is left behind in the temp folder.
  expect(fs.readdirSync(env.tmpDir).filter((n) => n.startsWith('tikho-drill-'))).toEqual([]);
}

describe('practising the real triggers on a disposable copy (issue 16 §3)', () => {
  it('the button runs the real plan on a copy and says what the person would have seen', async () => {
    const env = await setup();
    await env.t['panic:setEndState']({ endState: 'fresh' });
    const before = snapshot(env.dataDir);
    const outcome = await env.t['panic:practiceButton']({});
    expect(outcome.kind).toBe('wiped');
    if (outcome.kind !== 'wiped') return;
    expect(outcome.screen).toBe('first-run');
    expect(outcome.report).toMatchObject({
      trigger: 'button',
      drill: true,
      keysDestroyed: true,
      endState: 'fresh',
    });
    expect(outcome.report.destroyed.headers).toBeGreaterThanOrEqual(1);
    await expectUntouched(env, before, 1);
  });

  it('the duress passphrase typed at the practice lock screen opens the copy’s decoy; the real one and a wrong one wipe nothing', async () => {
    const env = await setup();
    await env.t['panic:setUpDuress']({
      currentPassphrase: REAL,
      duressPassphrase: DURESS,
      decoyNotes: [
        { title: 'Shopping list', body: 'milk' },
        { title: 'Recipes', body: 'soup' },
      ],
    });
    const before = snapshot(env.dataDir);
    const duress = await env.t['panic:practiceUnlock']({ passphrase: DURESS });
    expect(duress).toMatchObject({ kind: 'wiped', screen: 'decoy-open', decoyNotes: 2 });
    if (duress.kind === 'wiped') expect(duress.report.trigger).toBe('duress');
    expect(await env.t['panic:practiceUnlock']({ passphrase: REAL })).toEqual({ kind: 'opened' });
    expect(await env.t['panic:practiceUnlock']({ passphrase: 'not either of them at all' })).toEqual({
      kind: 'wrong',
    });
    await expectUntouched(env, before, 1);
    // The real duress slot and decoy are still there: the real lock screen still wipes with it.
    expect((await env.t['panic:config']({})).decoyReady).toBe(true);
    expect(await env.runtime.services.vault.hasDuressSlot()).toBe(true);
  });

  it('the shortcut, armed, practises once on a copy; unarmed, or pressed again, it wipes for real', async () => {
    const env = await setup();
    env.settings.update({ panicShortcut: SHORTCUT });
    const pressed = new Map<string, () => void>();
    const realTrigger = vi.spyOn(env.runtime.services.panic, 'trigger');
    bindPanicShortcut({
      globalShortcut: { register: (a, cb) => (pressed.set(a, cb), true), unregister: () => undefined },
      settings: env.settings,
      trigger: panicShortcutAction(env.runtime.services),
      logger: silent,
    });
    const before = snapshot(env.dataDir);
    expect(await env.t['panic:practiceShortcut']({ armed: true })).toEqual({ armedForSeconds: 60 });
    pressed.get(SHORTCUT)?.();
    await vi.waitFor(() => expect(env.events.some((e) => e.event === 'events:practised')).toBe(true), {
      timeout: 20_000,
    });
    const practised = env.events.find((e) => e.event === 'events:practised')?.payload;
    expect(practised).toMatchObject({
      kind: 'wiped',
      screen: 'closed',
      report: { trigger: 'shortcut', drill: true },
    });
    expect(realTrigger).not.toHaveBeenCalled();
    await expectUntouched(env, before, 1);
    // One press used the practice up: the next one is a real emergency.
    pressed.get(SHORTCUT)?.();
    expect(realTrigger).toHaveBeenCalledWith('shortcut');
    await env.runtime.services.panic.whenIdle();
    expect(fs.existsSync(path.join(env.dataDir, 'vault'))).toBe(false);
  });

  it('keys the page saw count only in the browser preview, only armed, only the chosen ones', async () => {
    const env = await setup();
    env.settings.update({ panicShortcut: SHORTCUT });
    expect(await env.t['panic:practiceKeysSeen']({ accelerator: SHORTCUT })).toEqual({ accepted: false });
    await env.t['panic:practiceShortcut']({ armed: true });
    expect(await env.t['panic:practiceKeysSeen']({ accelerator: 'CommandOrControl+Alt+Shift+J' })).toEqual({
      accepted: false,
    });
    expect(await env.t['panic:practiceKeysSeen']({ accelerator: SHORTCUT })).toEqual({ accepted: true });
    const desktop = await setup('electron');
    desktop.settings.update({ panicShortcut: SHORTCUT });
    await desktop.t['panic:practiceShortcut']({ armed: true });
    // In the desktop app the OS delivers the press to main; keys the page saw mean it did not.
    expect(await desktop.t['panic:practiceKeysSeen']({ accelerator: SHORTCUT })).toEqual({ accepted: false });
  });

  it('refuses to practise while locked, and the shortcut cannot be armed while off', async () => {
    const env = await setup();
    // The dispatcher turns a handler's synchronous throw into an error answer, as here.
    const code = async (call: () => unknown): Promise<string> => {
      try {
        await call();
        return 'ok';
      } catch (err) {
        return isTikhoError(err) ? err.code : 'other';
      }
    };
    expect(await code(() => env.t['panic:practiceShortcut']({ armed: true }))).toBe('panic/shortcut-off');
    await env.runtime.services.lock.lock('manual');
    expect(await code(() => env.t['panic:practiceButton']({}))).toBe('panic/locked');
    expect(await code(() => env.t['panic:practiceUnlock']({ passphrase: DURESS }))).toBe('panic/locked');
    expect(env.runtime.services.practice.takeShortcut()).toBe(false);
  });
});
