import { expect } from 'vitest';
import { CSP } from '../../../shared/csp';
import { CHANNEL_NAMES } from '../../../shared/ipc/contract';
import type { BootResult } from './runBoot';

/** What a healthy boot of the real bundle looks like, the same for out/ and a packaged app.asar. */
export function expectBooted(result: BootResult & { stderr: string }): void {
  // Nothing ready-only ran before `ready`, nothing before-ready-only after it, and start() did not fail.
  expect(result.violations).toEqual([]);
  expect(result.errorBoxes).toEqual([]);
  expect(result.exitCodes).toEqual([]);
  const readyAt = result.calls.indexOf('app.whenReady');
  expect(result.calls.indexOf('app.enableSandbox')).toBeLessThan(readyAt);
  expect(result.calls.indexOf('protocol.registerSchemesAsPrivileged(app)')).toBeLessThan(readyAt);
  // Every contract channel through registerIpc, and no other ipcMain channel (electron-store had one).
  expect(result.channels).toBe(CHANNEL_NAMES.length);
  expect(result.calls.filter((c) => c.startsWith('ipcMain.handle(')).length).toBe(CHANNEL_NAMES.length);
  expect(result.calls).toContain('session.setSpellCheckerEnabled(false)');
  expect(result.calls).toContain('session.setDevicePermissionHandler');
  expect(result.calls).toContain('session.on(will-download)');
  expect(result.window).toEqual({ url: 'app://tikho/index.html', sandbox: true, contentProtection: true });
  expect(result.index.status).toBe(200);
  expect(result.index.bytes).toBeGreaterThan(0);
  expect(result.index.csp).toBe(CSP);
  // A call through the real handlers: a vault, an OpenPGP key, the checklist.
  expect(result.statusBefore).toEqual({ ok: true, value: { state: 'none' } });
  expect(result.create).toEqual({ ok: true, value: { recoveryCode: null } });
  // The app's create calibrated Argon2id here (issue 11 §7), and the strength estimate ran on its
  // worker thread, loaded from the bundle's node_modules, not on the main thread as a fallback.
  expect(result.stderr).toContain('vault: Argon2id calibrated');
  expect(result.strength).toMatchObject({ ok: true, value: { verdict: 'refused' } });
  expect(result.stderr).not.toContain('strength worker unavailable');
  expect(result.ownKey).toMatchObject({ ok: true, value: { key: { validity: 'valid' } } });
  expect(result.checklistItems).toBeGreaterThan(10);
  expect(result.foreignSender).toMatchObject({ ok: false, error: { code: 'ipc/forbidden-sender' } });
  // The window has the app's icon; a disguise swaps it for a neutral one shipped beside the asar.
  expect(result.icon.initial).toMatch(/[\\/]resources[\\/]icons[\\/]app\.png$/);
  expect(result.icon.disguised).toMatch(/[\\/]resources[\\/]icons[\\/]notes\.png$/);
  expect(result.icon.exist).toEqual([true, true]);
  // A second launch brings the window back, or opens a new one when it was closed.
  expect(result.secondInstance.calls).toEqual(expect.arrayContaining(['show', 'focus']));
  expect(result.secondInstance.windowsAfterClose).toBe(2);
  // The panic shortcut's own callback wiped: session data cleared, the vault gone.
  expect(result.shortcuts).toHaveLength(1);
  expect(result.sessionCalls).toEqual(
    expect.arrayContaining(['clearData', 'clearStorageData', 'clearCache', 'flushStorageData']),
  );
  expect(result.statusAfterPanic).toEqual({ ok: true, value: { state: 'none' } });
  // The lock-screen mirror's key half from the OS keystore (issue 11 §7): asked after ready only
  // (violations above), sealed into state.key, and the screen is told it is protected.
  expect(result.calls.indexOf('safeStorage.isAsyncEncryptionAvailable')).toBeGreaterThan(readyAt);
  expect(result.calls).toContain('safeStorage.encryptStringAsync');
  expect(result.mirror).toEqual({
    stateKey: true,
    protection: 'os-keystore',
    remaining: { ok: true, value: { remaining: 5 } },
  });
}
