import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MirrorKeystorePort } from '../../../../electron/services/panic';
import { GUARD_FILE, openGuard } from '../../../../electron/services/panic/unlockGuard';
import { DURESS_PASS, REAL_PASS, floorVault, makeEnv, makeService, type Env } from './helpers';
import { copyDataDir, headerPrefixOf, osKeystore } from './keystoreHelpers';

/*
 * Issue 11 §7: state.bin (end state, failed-unlock limit, dead-man fields) must stay readable by the
 * app while locked, but not by someone who holds a copy of the disk and knows Tikho's format. Its
 * key is HKDF(header bytes 0..63 ‖ a secret the OS keystore seals in state.key).
 */

const STATE_KEY = 'state.key';
const envs: Env[] = [];
async function env(): Promise<Env> {
  const made = await makeEnv();
  envs.push(made);
  return made;
}
let home: Env;
beforeEach(async () => {
  home = await env();
});
afterEach(async () => {
  for (const e of envs.splice(0)) await e.cleanup();
});

const open = (e: Env, keystore?: MirrorKeystorePort) =>
  makeService(e, floorVault(join(e.dataDir, 'vault')), {
    equaliseUnlockTiming: false,
    ...(keystore ? { keystore } : {}),
  });

/** A person's folder: a decoy set up (end state `decoy`), a limit of 5, then locked. */
async function configured(keystore?: MirrorKeystorePort): Promise<void> {
  const vault = floorVault(join(home.dataDir, 'vault'));
  await vault.create(REAL_PASS, { withRecoveryCode: false });
  const svc = makeService(home, vault, { equaliseUnlockTiming: false, ...(keystore ? { keystore } : {}) });
  await svc.setUpDuress({
    currentPassphrase: REAL_PASS,
    duressPassphrase: DURESS_PASS,
    decoyNotes: [{ title: 'Shopping', body: 'milk, bread' }],
  });
  await svc.setFailedUnlockLimit(5);
  await vault.lock();
}

async function imageOf(from: Env): Promise<Env> {
  const image = await env();
  await copyDataDir(from.dataDir, image.dataDir);
  return image;
}

describe('the lock-screen mirror against a copy of the disk (issue 11 §7)', () => {
  it('an examiner with the data folder but not the OS keystore reads nothing from state.bin; the app with it reads its end state and limit', async () => {
    const keystore = osKeystore();
    await configured(keystore);
    const image = await imageOf(home);
    const mirror = await readFile(join(image.dataDir, GUARD_FILE));
    // The format-knower's read: the key from the public header bytes alone.
    expect(openGuard(await headerPrefixOf(image.dataDir), mirror)).toBeNull();
    // Tikho itself on the examiner's machine: another keystore, or none at all.
    expect(await open(image, osKeystore()).remainingUnlockAttempts()).toBeNull();
    expect(await open(image).remainingUnlockAttempts()).toBeNull();
    const examinerWipe = await open(image, osKeystore()).trigger('shortcut');
    expect(examinerWipe.endState).toBe('quit');

    // The person's computer: same folder, same keystore.
    const live = await imageOf(home);
    const app = open(live, keystore);
    expect(await app.remainingUnlockAttempts()).toBe(5);
    expect((await app.trigger('shortcut')).endState).toBe('decoy');
  });

  it('a state.key the keystore cannot open reads as "no mirror", never a crash, and the next real unlock rebuilds it', async () => {
    await configured(osKeystore());
    const reset = osKeystore();
    const svc = open(home, reset);
    expect(await svc.remainingUnlockAttempts()).toBeNull();
    expect(await svc.unlockOrPanic('not the passphrase at all')).toEqual({ ok: false, next: 'lock' });
    expect(await readdir(join(home.dataDir, 'vault'))).toContain('index.bin');
    expect(await svc.unlockOrPanic(REAL_PASS)).toEqual({ ok: true, role: 'primary' });
    expect(await open(home, reset).remainingUnlockAttempts()).toBe(5);
    expect(
      openGuard(await headerPrefixOf(home.dataDir), await readFile(join(home.dataDir, GUARD_FILE))),
    ).toBe(null);
  });

  it('without an OS keystore the mirror is keyed by header bytes alone, and the Panic screen is told so', async () => {
    const noProtection: MirrorKeystorePort = {
      protection: 'none',
      seal: () => Promise.reject(new Error('basic_text: never used')),
      open: () => Promise.reject(new Error('basic_text: never used')),
    };
    const vault = floorVault(join(home.dataDir, 'vault'));
    await vault.create(REAL_PASS, { withRecoveryCode: false });
    const svc = makeService(home, vault, { keystore: noProtection });
    await svc.setEndState('fresh');
    await svc.setFailedUnlockLimit(3);
    expect((await svc.getConfig()).lockScreenProtection).toBe('none');
    expect(await readdir(home.dataDir)).not.toContain(STATE_KEY);
    const read = openGuard(
      await headerPrefixOf(home.dataDir),
      await readFile(join(home.dataDir, GUARD_FILE)),
    );
    expect(read).toMatchObject({ endState: 'fresh', failedUnlockLimit: 3 });

    const protectedSvc = makeService(home, vault, { keystore: osKeystore() });
    expect((await protectedSvc.getConfig()).lockScreenProtection).toBe('os-keystore');
    expect((await makeService(home, vault).getConfig()).lockScreenProtection).toBe('none');
  });

  it('a mirror written before the keystore was used keeps its limit, and the next write moves it under the secret', async () => {
    const vault = floorVault(join(home.dataDir, 'vault'));
    await vault.create(REAL_PASS, { withRecoveryCode: false });
    await makeService(home, vault).setFailedUnlockLimit(3);
    await vault.lock();
    const svc = open(home, osKeystore());
    expect(await svc.remainingUnlockAttempts()).toBe(3);
    expect(await readdir(home.dataDir)).not.toContain(STATE_KEY);
    expect(await svc.unlockOrPanic('wrong guess one')).toEqual({ ok: false, next: 'lock' });
    expect(await svc.remainingUnlockAttempts()).toBe(2);
    expect(await readdir(home.dataDir)).toContain(STATE_KEY);
    const mirror = await readFile(join(home.dataDir, GUARD_FILE));
    expect(openGuard(await headerPrefixOf(home.dataDir), mirror)).toBeNull();
  });

  it("a wipe takes state.key with it; after a duress unlock the decoy's mirror is under a new secret an examiner cannot read either", async () => {
    const keystore = osKeystore();
    await configured(keystore);
    const before = await readFile(join(home.dataDir, STATE_KEY));
    const svc = open(home, keystore);
    expect(await svc.unlockOrPanic(DURESS_PASS)).toEqual({ ok: true, role: 'primary' });
    await svc.whenIdle();
    const after = await readFile(join(home.dataDir, STATE_KEY));
    expect(after.equals(before)).toBe(false);
    const mirror = await readFile(join(home.dataDir, GUARD_FILE));
    expect(openGuard(await headerPrefixOf(home.dataDir), mirror)).toBeNull();
    // The decoy's own config (its end state `quit`, no limit) is what the app now reads.
    expect(await open(home, keystore).remainingUnlockAttempts()).toBeNull();

    await svc.setEndState('fresh');
    expect((await svc.trigger('shortcut')).endState).toBe('fresh');
    expect(await readdir(home.dataDir)).not.toContain(STATE_KEY);
  });
});
