import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTikhoError } from '../../../../shared/errors';
import {
  DURESS_PASS,
  REAL_PASS,
  fillDataDir,
  filesContaining,
  floorVault,
  makeEnv,
  makeService,
  recordingPorts,
  type Env,
} from './helpers';

let env: Env;
beforeEach(async () => {
  env = await makeEnv();
});
afterEach(async () => {
  await env.cleanup();
});

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return isTikhoError(err) ? err.code : 'not-a-tikho-error';
  }
  return 'resolved';
}

describe('duress set-up', () => {
  it('refuses a duress passphrase within typo distance, and a wrong current passphrase', async () => {
    const vault = await fillDataDir(env, 'MARK');
    const svc = makeService(env, vault);
    expect(
      await codeOf(
        svc.setUpDuress({ currentPassphrase: REAL_PASS, duressPassphrase: 'Correct horse battery stapel' }),
      ),
    ).toBe('panic/duress-too-close');
    expect(
      await codeOf(
        svc.setUpDuress({ currentPassphrase: 'not the passphrase', duressPassphrase: DURESS_PASS }),
      ),
    ).toBe('panic/wrong-passphrase');
    expect((await svc.getConfig()).duressSet).toBe(false);
    await svc.setUpDuress({ currentPassphrase: REAL_PASS, duressPassphrase: DURESS_PASS });
    expect(await svc.getConfig()).toEqual({
      endState: 'quit',
      failedUnlockLimit: null,
      duressSet: true,
      decoyReady: false,
      deadManDays: null,
      deadManDueAt: null,
      // No keystore port in these tests: header bytes only, and the screen is told so.
      lockScreenProtection: 'none',
    });
    expect(await codeOf(svc.setEndState('decoy'))).toBe('panic/no-decoy');
    // The real passphrase still opens the real vault.
    expect(await svc.unlockOrPanic(REAL_PASS)).toEqual({ ok: true, role: 'primary' });
  });

  it('needs an unlocked vault to change anything', async () => {
    const vault = await fillDataDir(env, 'MARK');
    await vault.lock();
    const svc = makeService(env, vault);
    expect(await codeOf(svc.getConfig())).toBe('panic/locked');
    expect(await codeOf(svc.setFailedUnlockLimit(3))).toBe('panic/locked');
    expect(await codeOf(svc.setFailedUnlockLimit(4 as 3))).toBe('panic/invalid-limit');
  });

  it('keeps the configuration out of every readable file', async () => {
    const vault = await fillDataDir(env, 'MARK');
    const svc = makeService(env, vault);
    await svc.setUpDuress({
      currentPassphrase: REAL_PASS,
      duressPassphrase: DURESS_PASS,
      decoyNotes: [{ title: 'Recipes', body: 'borscht' }],
    });
    await svc.setEndState('decoy');
    await svc.setFailedUnlockLimit(5);
    const words = ['decoy', 'duress', 'failedUnlock', 'endState', '"limit"'].map((w) => Buffer.from(w));
    expect(await filesContaining(env.dataDir, words)).toEqual([]);
    expect(await readdir(env.dataDir)).toContain('state.bin');
    expect((await readFile(join(env.dataDir, 'state.bin'))).length).toBe(44);
  });
});

describe('duress unlock', () => {
  it('wipes silently and opens the decoy with the passphrase just typed, same result shape as a normal unlock', async () => {
    const vault = await fillDataDir(env, 'MARK');
    const ports = recordingPorts();
    const svc = makeService(env, vault, { ports });
    await svc.setUpDuress({
      currentPassphrase: REAL_PASS,
      duressPassphrase: DURESS_PASS,
      decoyNotes: [
        { title: 'Shopping', body: 'milk, bread, apples' },
        { title: 'Dentist', body: 'Tuesday 10:30' },
      ],
    });
    await svc.setEndState('decoy');
    await vault.lock();

    const normal = await svc.unlockOrPanic(REAL_PASS);
    await vault.lock();
    const duress = await svc.unlockOrPanic(DURESS_PASS);
    expect(duress).toEqual(normal);
    expect(Object.keys(duress)).toEqual(Object.keys(normal));
    expect(vault.isUnlocked()).toBe(true);
    expect(
      vault.notes
        .list()
        .map((n) => n.title)
        .sort(),
    ).toEqual(['Dentist', 'Shopping']);
    expect(ports.calls).not.toContain('port:quit');
    expect(ports.calls.some((c) => c.startsWith('port:show'))).toBe(false);
    await svc.whenIdle();
    // spare/ holds a new filler: a notebook's folder always has one (spareFolder.ts).
    expect((await readdir(env.dataDir)).sort()).toEqual(['spare', 'state.bin', 'vault']);
    expect(await filesContaining(env.dataDir, [Buffer.from('MARK')])).toEqual([]);
    // The decoy now behaves as an ordinary vault: the real passphrase opens nothing.
    await vault.lock();
    expect(await svc.unlockOrPanic(REAL_PASS)).toEqual({ ok: false, next: 'lock' });
    expect(await svc.unlockOrPanic(DURESS_PASS)).toEqual({ ok: true, role: 'primary' });
    expect(await svc.getConfig()).toEqual({
      endState: 'quit',
      failedUnlockLimit: null,
      duressSet: false,
      decoyReady: false,
      deadManDays: null,
      deadManDueAt: null,
      // No keystore port in these tests: header bytes only, and the screen is told so.
      lockScreenProtection: 'none',
    });
  });

  it('with the fresh end state lands on the first run; with quit, quits', async () => {
    const vault = await fillDataDir(env, 'MARK');
    const svc = makeService(env, vault);
    await svc.setUpDuress({ currentPassphrase: REAL_PASS, duressPassphrase: DURESS_PASS });
    await svc.setEndState('fresh');
    await vault.lock();
    expect(await svc.unlockOrPanic(DURESS_PASS)).toEqual({ ok: false, next: 'first-run' });
    await svc.whenIdle();
    expect(await readdir(env.dataDir)).toEqual([]);

    const env2 = await makeEnv();
    try {
      const vault2 = await fillDataDir(env2, 'MARK');
      const ports = recordingPorts();
      const svc2 = makeService(env2, vault2, { ports });
      await svc2.setUpDuress({ currentPassphrase: REAL_PASS, duressPassphrase: DURESS_PASS });
      await vault2.lock();
      expect(await svc2.unlockOrPanic(DURESS_PASS)).toEqual({ ok: false, next: 'quit' });
      expect(ports.calls.at(-1)).toBe('port:quit');
      expect(await readdir(env2.dataDir)).toEqual([]);
    } finally {
      await env2.cleanup();
    }
  });
});

describe('failed-unlock limit', () => {
  it('is off by default: any number of wrong passphrases wipes nothing', async () => {
    const vault = await fillDataDir(env, 'MARK');
    await vault.lock();
    const svc = makeService(env, vault, { equaliseUnlockTiming: false });
    for (let i = 0; i < 12; i++)
      expect(await svc.unlockOrPanic(`wrong guess ${i}`)).toEqual({ ok: false, next: 'lock' });
    expect(await svc.remainingUnlockAttempts()).toBeNull();
    expect(await svc.unlockOrPanic(REAL_PASS)).toEqual({ ok: true, role: 'primary' });
  });

  it('counts across restarts, resets on success, tells the remainder only on request, wipes at N', async () => {
    const vault = await fillDataDir(env, 'MARK');
    const first = makeService(env, vault);
    await first.setFailedUnlockLimit(3);
    await vault.lock();
    expect(await first.remainingUnlockAttempts()).toBe(3);
    expect(await first.unlockOrPanic('wrong guess one')).toEqual({ ok: false, next: 'lock' });
    expect(await first.unlockOrPanic('wrong guess two')).toEqual({ ok: false, next: 'lock' });
    expect(await first.remainingUnlockAttempts()).toBe(1);
    // A success resets the counter.
    expect(await first.unlockOrPanic(REAL_PASS)).toEqual({ ok: true, role: 'primary' });
    expect(await first.remainingUnlockAttempts()).toBe(3);
    await vault.lock();
    expect(await first.unlockOrPanic('wrong guess three')).toEqual({ ok: false, next: 'lock' });
    expect(await first.unlockOrPanic('wrong guess four')).toEqual({ ok: false, next: 'lock' });

    // "Restart": a new vault service and a new panic service read the persisted counter.
    const vaultAfterRestart = floorVault(join(env.dataDir, 'vault'));
    const ports = recordingPorts();
    const second = makeService(env, vaultAfterRestart, { ports });
    expect(await second.remainingUnlockAttempts()).toBe(1);
    expect(await second.unlockOrPanic('wrong guess five')).toEqual({ ok: false, next: 'quit' });
    expect(ports.calls.at(-1)).toBe('port:quit');
    expect(await readdir(env.dataDir)).toEqual([]);
    expect(await second.unlockOrPanic(REAL_PASS)).toEqual({ ok: false, next: 'first-run' });
  });

  it('stays on across header writes while unlocked (passphrase change, duress set): the mirror is re-sealed', async () => {
    const vault = await fillDataDir(env, 'MARK');
    const svc = makeService(env, vault, { equaliseUnlockTiming: false });
    await svc.setFailedUnlockLimit(3);
    const next = 'another correct horse passphrase';
    await vault.changePassphrase(REAL_PASS, next);
    expect(await svc.remainingUnlockAttempts()).toBe(3);
    await vault.setSlot('duress', 'completely different duress words');
    await vault.lock();
    expect(await svc.remainingUnlockAttempts()).toBe(3);
    expect(await svc.unlockOrPanic('wrong guess one')).toEqual({ ok: false, next: 'lock' });
    expect(await svc.remainingUnlockAttempts()).toBe(2);
  });

  it('a deleted or foreign counter file switches the limit off instead of wiping (fails towards no wipe)', async () => {
    const vault = await fillDataDir(env, 'MARK');
    const svc = makeService(env, vault, { equaliseUnlockTiming: false });
    await svc.setFailedUnlockLimit(3);
    await vault.lock();
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(env.dataDir, 'state.bin'), Buffer.alloc(44, 1));
    for (let i = 0; i < 4; i++) await svc.unlockOrPanic(`wrong guess ${i}`);
    expect(await svc.unlockOrPanic(REAL_PASS)).toEqual({ ok: true, role: 'primary' });
    // …and the next successful unlock rebuilds the mirror from the encrypted record.
    expect(await svc.remainingUnlockAttempts()).toBe(3);
  });
});
