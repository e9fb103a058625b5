import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bindPanicShortcut } from '../../../../electron/main/panicGlue';
import { createConfBackend } from '../../../../electron/services/settings/confBackend';
import { OLD_DEFAULT_PANIC_SHORTCUT } from '../../../../electron/services/settings/migrateSettings';
import { createSettingsService } from '../../../../electron/services/settings/settingsService';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});
const logger = { info: () => {}, warn: () => {}, error: () => {} };

/** A settings.json as a version before issue 16 §3 wrote it: every key, the old default armed. */
function oldFile(panicShortcut: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-settings-migrate-'));
  dirs.push(dir);
  const old = {
    language: 'ru',
    theme: 'dark',
    autoLockMinutes: 10,
    lockShortcut: 'CommandOrControl+Shift+L',
    panicShortcut,
    contentProtection: true,
    lockOnHide: false,
    disguise: 'off',
  };
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify(old));
  return dir;
}

function armedAfterStart(dir: string): string[] {
  const settings = createSettingsService({ backend: createConfBackend(dir), logger });
  const register = vi.fn(() => true);
  bindPanicShortcut({
    globalShortcut: { register, unregister: () => {} },
    settings,
    trigger: () => Promise.resolve(),
    logger,
  });
  return register.mock.calls.map((call) => (call as unknown[])[0] as string);
}

describe('settings migration: the panic shortcut from before "off by default" (issue 16 §3)', () => {
  it('an old file carrying the old default arms no global key, keeps the rest, and asks once', () => {
    const dir = oldFile(OLD_DEFAULT_PANIC_SHORTCUT);
    expect(armedAfterStart(dir)).toEqual([]);
    const settings = createSettingsService({ backend: createConfBackend(dir), logger }).get();
    expect(settings).toMatchObject({
      language: 'ru',
      theme: 'dark',
      autoLockMinutes: 10,
      panicShortcut: null,
      panicShortcutNotice: 'old-default-off',
    });
  });

  it('a shortcut the person recorded themselves is kept and armed, with no notice', () => {
    const dir = oldFile('CommandOrControl+Alt+Shift+K');
    expect(armedAfterStart(dir)).toEqual(['CommandOrControl+Alt+Shift+K']);
    const settings = createSettingsService({ backend: createConfBackend(dir), logger }).get();
    expect(settings.panicShortcutNotice).toBeNull();
  });

  it('runs once: the old keys chosen again after the notice stay on across restarts', () => {
    const dir = oldFile(OLD_DEFAULT_PANIC_SHORTCUT);
    const first = createSettingsService({ backend: createConfBackend(dir), logger });
    first.update({ panicShortcut: OLD_DEFAULT_PANIC_SHORTCUT, panicShortcutNotice: null });
    expect(armedAfterStart(dir)).toEqual([OLD_DEFAULT_PANIC_SHORTCUT]);
    const again = createSettingsService({ backend: createConfBackend(dir), logger }).get();
    expect(again).toMatchObject({ panicShortcut: OLD_DEFAULT_PANIC_SHORTCUT, panicShortcutNotice: null });
  });

  it('a notice the person dismissed does not come back', () => {
    const dir = oldFile(OLD_DEFAULT_PANIC_SHORTCUT);
    createSettingsService({ backend: createConfBackend(dir), logger }).update({ panicShortcutNotice: null });
    const again = createSettingsService({ backend: createConfBackend(dir), logger }).get();
    expect(again).toMatchObject({ panicShortcut: null, panicShortcutNotice: null });
  });
});
