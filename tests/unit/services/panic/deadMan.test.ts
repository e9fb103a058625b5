import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GUARD_FILE, type PanicService } from '../../../../electron/services/panic';
import type { VaultService } from '../../../../electron/services/vault/vaultService';
import { REAL_PASS, fillDataDir, makeEnv, makeService, type Env } from './helpers';

const DAY = 86_400_000;
let env: Env;
let wall: number;
let vault: VaultService;
let svc: PanicService;

beforeEach(async () => {
  env = await makeEnv();
  wall = Date.UTC(2026, 10, 2, 9, 30);
  vault = await fillDataDir(env, 'DEADMAN-MARKER');
  svc = makeService(env, vault, { wallClock: () => wall, equaliseUnlockTiming: false });
});
afterEach(async () => {
  await env.cleanup();
});

/** A start of the app: the check runs with nothing unlocked, before any window. */
async function startAfter(days: number): Promise<'wiped' | 'kept'> {
  wall += days * DAY;
  const report = await svc.wipeIfDeadManDue();
  if (report) expect(report.keysDestroyed).toBe(true);
  return report ? 'wiped' : 'kept';
}

describe('dead-man wipe', () => {
  it('is off by default: no start ever wipes', async () => {
    // A successful unlock writes the lock-screen mirror, as every real unlock does.
    await vault.lock();
    expect(await svc.unlockOrPanic(REAL_PASS)).toEqual({ ok: true, role: 'primary' });
    await vault.lock();
    expect(await startAfter(400)).toBe('kept');
    expect(await vault.exists()).toBe(true);
  });

  it('wipes at the first start after N days without an unlock, and not one minute before', async () => {
    await svc.setDeadMan(14);
    expect((await svc.getConfig()).deadManDueAt).toBe(new Date(wall + 14 * DAY).toISOString());
    await vault.lock();
    expect(await startAfter(14 - 1 / 1440)).toBe('kept');
    expect(await vault.exists()).toBe(true);
    expect(await startAfter(1 / 1440)).toBe('wiped');
    expect(await vault.exists()).toBe(false);
  });

  it('a real unlock resets the count; failed attempts and starts do not', async () => {
    await svc.setDeadMan(7);
    await vault.lock();
    expect(await startAfter(5)).toBe('kept');
    expect(await svc.unlockOrPanic(REAL_PASS)).toEqual({ ok: true, role: 'primary' });
    await vault.lock();
    expect(await startAfter(5)).toBe('kept');
    // Someone guessing at the lock screen for days keeps the clock running.
    for (let i = 0; i < 3; i++) expect((await svc.unlockOrPanic(`guess ${i} wrong`)).ok).toBe(false);
    expect(await startAfter(2.5)).toBe('wiped');
  });

  it('turned off again, it never fires', async () => {
    await svc.setDeadMan(7);
    await svc.setDeadMan(null);
    expect((await svc.getConfig()).deadManDueAt).toBeNull();
    await vault.lock();
    expect(await startAfter(60)).toBe('kept');
  });

  it('a damaged lock-screen mirror reads as off: it fails towards no wipe', async () => {
    await svc.setDeadMan(7);
    await vault.lock();
    const mirror = await readFile(join(env.dataDir, GUARD_FILE));
    mirror[20] = (mirror[20] ?? 0) ^ 0xff;
    await writeFile(join(env.dataDir, GUARD_FILE), mirror);
    expect(await startAfter(60)).toBe('kept');
  });

  it('refuses a number of days the screen does not offer', async () => {
    await expect(svc.setDeadMan(3 as 7)).rejects.toMatchObject({ code: 'panic/invalid-dead-man' });
  });

  it('the lock screen learns nothing: the mirror file has the same size whether it is set or not', async () => {
    await vault.lock();
    await svc.unlockOrPanic(REAL_PASS);
    const off = (await readFile(join(env.dataDir, GUARD_FILE))).length;
    await svc.setDeadMan(30);
    const on = (await readFile(join(env.dataDir, GUARD_FILE))).length;
    expect(on).toBe(off);
  });
});
