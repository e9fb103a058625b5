import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Runtime } from '../../../../electron/services/app/runtime';
import { createRuntime } from '../../../../electron/services/app/runtime';
import { OPEN_BEFORE_NEW_PASSPHRASE } from '../../../../electron/services/app/recoveryGate';
import { createSettingsService } from '../../../../electron/services/settings/settingsService';
import { isTikhoError } from '../../../../shared/errors';
import { CHANNEL_NAMES } from '../../../../shared/ipc/contract';
import type { HandlerTable } from '../../../../electron/services/ipc/dispatch';

const FLOOR = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const REAL = 'velvet orbit lantern quietly harvest marble';
const NEXT = 'pebble tundra orchestra mellow signal cactus';
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

function setup(): { runtime: Runtime; t: HandlerTable; dataDir: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-recovery-'));
  dirs.push(root);
  const dataDir = path.join(root, 'data');
  fs.mkdirSync(dataDir);
  fs.mkdirSync(path.join(root, 'tmp'));
  const runtime = createRuntime({
    version: '0.0.0',
    platform: 'linux',
    host: 'harness',
    profile: 'user',
    systemLanguage: 'en',
    dataDir,
    resourcesDir: path.resolve('resources'),
    settings: createSettingsService({
      backend: { read: () => undefined, write: () => undefined },
      logger: silent,
    }),
    logger: silent,
    emit: () => undefined,
    kdf: FLOOR,
    panicTmpDir: path.join(root, 'tmp'),
    ports: {
      clipboard: { writeText: () => undefined, readText: () => Promise.resolve(''), clear: () => undefined },
      chooseSavePath: () => Promise.resolve(null),
      idleSeconds: () => 0,
    },
  });
  runtimes.push(runtime);
  return { runtime, t: runtime.table, dataDir };
}

async function refusal(p: unknown): Promise<{ code: string; params?: unknown }> {
  try {
    await p;
    return { code: 'ok' };
  } catch (err) {
    return isTikhoError(err) ? { code: err.code, params: err.params } : { code: String(err) };
  }
}

describe('opening with the recovery code', () => {
  it('points at a mistyped group without counting it, then forces a new passphrase before anything else works', async () => {
    const { runtime, t } = setup();
    const made = await t['vault:create']({ passphrase: REAL, withRecoveryCode: true });
    const groups = made.recoveryCode ?? [];
    expect(groups).toHaveLength(10);
    await t['notes:create']({ title: 'Адрес', body: 'встреча', tags: [], pinned: false });
    await t['panic:setFailedUnlockLimit']({ limit: 3 });
    await runtime.services.lock.lock('manual');

    const typo = groups.map((g, i) => (i === 3 ? `${g.slice(0, 4)}${(Number(g[4]) + 1) % 10}` : g)).join(' ');
    expect(await refusal(t['vault:unlockWithRecovery']({ code: typo }))).toEqual({
      code: 'vault/recovery-code-mistyped',
      params: { group: 4 },
    });
    // A typo is refused before the KDF and does not bring the failed-unlock wipe closer.
    expect(await runtime.services.panic.remainingUnlockAttempts()).toBe(3);

    expect(await t['vault:unlockWithRecovery']({ code: groups.join('-') })).toEqual({});
    expect(await t['vault:status']({})).toEqual({ state: 'recovered' });
    // Every channel outside the short allow-list is closed until the new passphrase is set.
    for (const name of [
      'notes:list',
      'panic:config',
      'vault:changePassphrase',
      'vault:createRecoveryCode',
      'checklist:progress',
      'contact:teams',
    ] as const) {
      const handler = t[name] as (r: unknown) => unknown;
      expect((await refusal(handler({}))).code, name).toBe('vault/new-passphrase-required');
    }
    expect(await refusal(t['vault:setPassphraseAfterRecovery']({ next: 'password1' }))).toMatchObject({
      code: 'vault/passphrase-too-weak',
    });
    // Setting it rotates the master key: the used code is replaced, the new one returned once.
    const { recoveryCode: fresh } = await t['vault:setPassphraseAfterRecovery']({ next: NEXT });
    expect(fresh).toHaveLength(groups.length);
    expect(fresh?.join('')).not.toBe(groups.join(''));
    expect(await t['vault:status']({})).toEqual({ state: 'unlocked' });
    expect((await t['notes:list']({})).notes.map((n) => n.title)).toEqual(['Адрес']);
    await runtime.services.lock.lock('manual');

    // The forgotten passphrase and the used code no longer open; the new passphrase does, as
    // primary, and so does the new code.
    expect((await refusal(t['vault:unlock']({ passphrase: REAL }))).code).toBe('vault/wrong-passphrase');
    expect((await refusal(t['vault:unlockWithRecovery']({ code: groups.join('') }))).code).toBe(
      'vault/wrong-recovery-code',
    );
    expect(await t['vault:unlock']({ passphrase: NEXT })).toEqual({});
    expect(await t['vault:status']({})).toEqual({ state: 'unlocked' });
    await runtime.services.lock.lock('manual');
    await t['vault:unlockWithRecovery']({ code: (fresh ?? []).join('') });
    expect(await t['vault:status']({})).toEqual({ state: 'recovered' });
  });

  it('the allow-list holds nothing that reads or changes the notebook', () => {
    const open = CHANNEL_NAMES.filter((name) => OPEN_BEFORE_NEW_PASSPHRASE.has(name));
    expect(open.sort()).toEqual(
      [
        'app:bootstrap',
        'clipboard:clear',
        'panic:shortcutStatus',
        'panic:trigger',
        'settings:get',
        'settings:update',
        'vault:checkPassphrase',
        'vault:lock',
        'vault:setPassphraseAfterRecovery',
        'vault:status',
        'vault:suggestPassphrase',
      ].sort(),
    );
  });

  it('setPassphraseAfterRecovery is refused in a session opened with the passphrase', async () => {
    const { t } = setup();
    await t['vault:create']({ passphrase: REAL, withRecoveryCode: true });
    expect((await refusal(t['vault:setPassphraseAfterRecovery']({ next: NEXT }))).code).toBe(
      'vault/not-recovery',
    );
  });
});

describe('a recovery code made later from Settings', () => {
  it('needs the passphrase typed again, and then opens the notebook', async () => {
    const { runtime, t } = setup();
    await t['vault:create']({ passphrase: REAL, withRecoveryCode: false });
    expect(await t['vault:info']({})).toEqual({ recoveryCodeCreated: false });
    expect((await refusal(t['vault:createRecoveryCode']({ current: 'not my passphrase' }))).code).toBe(
      'vault/wrong-passphrase',
    );
    expect(await t['vault:info']({})).toEqual({ recoveryCodeCreated: false });
    const { recoveryCode } = await t['vault:createRecoveryCode']({ current: REAL });
    expect(await t['vault:info']({})).toEqual({ recoveryCodeCreated: true });
    expect(await t['checklist:progress']({})).toBeTruthy();
    await runtime.services.lock.lock('manual');
    expect(await t['vault:unlockWithRecovery']({ code: recoveryCode.join(' ') })).toEqual({});
    expect(await t['vault:status']({})).toEqual({ state: 'recovered' });
  });
});

// A notebook made before digit codes (12 English words): headerMigration.test.ts opens the
// committed format-1 fixture, made by a BIP39 build, with its words after the format-2 conversion.
