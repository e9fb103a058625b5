import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createAutoLock } from '../../../../electron/services/lock/autoLock';
import { createLockController } from '../../../../electron/services/lock/lockController';
import type { LockReason } from '../../../../electron/services/lock/lockController';
import { createVaultService } from '../../../../electron/services/vault/vaultService';

const FLOOR = { memoryKiB: 19456, iterations: 2, parallelism: 1 };
const PASS = 'velvet orbit lantern quietly harvest marble';
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function setup(options: { idle?: number; minutes?: number; lockOnHide?: boolean } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-lock-'));
  dirs.push(dir);
  const vault = createVaultService({ dir: path.join(dir, 'vault'), kdf: FLOOR });
  await vault.create(PASS, { withRecoveryCode: false });
  const events: LockReason[] = [];
  const controller = createLockController(vault, (_event, payload) => {
    if ('reason' in payload) events.push(payload.reason);
  });
  let idle = options.idle ?? 0;
  const intervals: (() => void)[] = [];
  const autoLock = createAutoLock({
    controller,
    isUnlocked: () => vault.isUnlocked(),
    idleSeconds: () => idle,
    autoLockMinutes: () => options.minutes ?? 5,
    lockOnHide: () => options.lockOnHide ?? false,
    setInterval: (fn) => {
      intervals.push(fn);
      return intervals.length;
    },
    clearInterval: () => {},
  });
  return { vault, events, autoLock, setIdle: (s: number) => (idle = s), intervals };
}

describe('auto-lock in main', () => {
  it('locks after the idle timeout and not before', async () => {
    const { vault, events, autoLock, setIdle } = await setup({ minutes: 5 });
    setIdle(299);
    await autoLock.tick();
    expect(vault.isUnlocked()).toBe(true);
    setIdle(300);
    await autoLock.tick();
    expect(vault.isUnlocked()).toBe(false);
    expect(events).toEqual(['idle']);
  });

  it('locks at once when the computer goes to sleep, without waiting for a timer', async () => {
    const { vault, events, autoLock } = await setup();
    await autoLock.onSuspend();
    expect(vault.isUnlocked()).toBe(false);
    expect(events).toEqual(['suspend']);
  });

  it('locks when the screen locks and when the renderer crashes', async () => {
    const first = await setup();
    await first.autoLock.onScreenLocked();
    expect(first.vault.isUnlocked()).toBe(false);
    const second = await setup();
    await second.autoLock.onRendererGone();
    expect(second.vault.isUnlocked()).toBe(false);
    expect(second.events).toEqual(['renderer-gone']);
  });

  it('locks on minimise only when the setting asks for it', async () => {
    const off = await setup({ lockOnHide: false });
    await off.autoLock.onWindowHidden();
    expect(off.vault.isUnlocked()).toBe(true);
    const on = await setup({ lockOnHide: true });
    await on.autoLock.onWindowHidden();
    expect(on.vault.isUnlocked()).toBe(false);
  });

  it('zeroes key buffers and drops decrypted notes when it locks', async () => {
    const { vault, autoLock } = await setup();
    const note = await vault.notes.create({ title: 'meeting', body: 'marker-body', tags: [], pinned: false });
    const keys = vault.keyBuffersForTestsOnly();
    expect(keys.some((k) => k.some((b) => b !== 0))).toBe(true);
    await autoLock.onSuspend();
    expect(keys.every((k) => k.every((b) => b === 0))).toBe(true);
    expect(() => vault.notes.get(note.id)).toThrow();
  });

  it('the interval it starts runs the idle check', async () => {
    const { vault, autoLock, setIdle, intervals } = await setup({ minutes: 1 });
    autoLock.start();
    setIdle(61);
    intervals[0]?.();
    // The lock it starts is asynchronous (flush, then wipe); a slow disk must not fail the test.
    await vi.waitFor(() => expect(vault.isUnlocked()).toBe(false), { timeout: 10_000 });
  });

  it('concurrent lock requests lock once and tell the renderer each time', async () => {
    const { vault, events } = await setup();
    const controller = createLockController(vault, (_e, p) => {
      if ('reason' in p) events.push(p.reason);
    });
    await Promise.all([controller.lock('manual'), controller.lock('idle')]);
    expect(vault.isUnlocked()).toBe(false);
    expect(events.length).toBeGreaterThanOrEqual(1);
  });
});

describe('a presentation holds the idle lock (issue 16 §4)', () => {
  async function held(maxHoldMs: number) {
    let clock = 0;
    const base = await setup({ minutes: 5, idle: 3600 });
    const autoLock = createAutoLock({
      controller: createLockController(base.vault, () => undefined),
      isUnlocked: () => base.vault.isUnlocked(),
      idleSeconds: () => 3600,
      autoLockMinutes: () => 5,
      lockOnHide: () => false,
      setInterval: () => 0,
      clearInterval: () => {},
      now: () => clock,
      maxHoldMs,
    });
    return { ...base, autoLock, advance: (ms: number) => (clock += ms) };
  }

  it('waits while held and locks at the first check after the hold ends', async () => {
    const { vault, autoLock } = await held(60_000);
    autoLock.holdIdle(true);
    await autoLock.tick();
    expect(vault.isUnlocked()).toBe(true);
    autoLock.holdIdle(false);
    await autoLock.tick();
    expect(vault.isUnlocked()).toBe(false);
  });

  it('gives the lock back after the limit, however often the renderer says "still presenting"', async () => {
    const { vault, autoLock, advance } = await held(60_000);
    autoLock.holdIdle(true);
    advance(59_000);
    autoLock.holdIdle(true);
    await autoLock.tick();
    expect(vault.isUnlocked()).toBe(true);
    advance(1_000);
    autoLock.holdIdle(true);
    await autoLock.tick();
    expect(vault.isUnlocked()).toBe(false);
  });

  it('does not hold back sleep or a screen lock', async () => {
    const { vault, autoLock } = await held(60_000);
    autoLock.holdIdle(true);
    await autoLock.onSuspend();
    expect(vault.isUnlocked()).toBe(false);
  });
});
