import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from '../../../../electron/services/log/logger';
import { createConfBackend } from '../../../../electron/services/settings/confBackend';
import { createSettingsService } from '../../../../electron/services/settings/settingsService';
import { DEFAULT_SETTINGS } from '../../../../shared/settings';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-settings-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    warnings,
    info: () => {},
    error: () => {},
    warn: (m, meta) => warnings.push(`${m} ${JSON.stringify(meta ?? {})}`),
  };
}

describe('settings', () => {
  it('start from defaults and persist changes to the conf file', () => {
    const dir = tempDir();
    const logger = recordingLogger();
    const service = createSettingsService({ backend: createConfBackend(dir), logger });
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
    service.update({ language: 'uk', autoLockMinutes: 10 });
    const reopened = createSettingsService({ backend: createConfBackend(dir), logger });
    expect(reopened.get()).toMatchObject({ language: 'uk', autoLockMinutes: 10 });
    expect(logger.warnings).toEqual([]);
  });

  it('a hand-edited invalid value falls back to its default with a warning; the rest survive', () => {
    const dir = tempDir();
    fs.writeFileSync(
      path.join(dir, 'settings.json'),
      JSON.stringify({ language: 'ru', theme: 'neon', autoLockMinutes: 9999, panicShortcut: 'A' }),
    );
    const logger = recordingLogger();
    const service = createSettingsService({ backend: createConfBackend(dir), logger });
    expect(service.get()).toEqual({ ...DEFAULT_SETTINGS, language: 'ru' });
    expect(logger.warnings.join('\n')).toMatch(/theme/);
    expect(logger.warnings.join('\n')).toMatch(/autoLockMinutes/);
    expect(logger.warnings.join('\n')).toMatch(/panicShortcut/);
  });

  it('a file that is not JSON at all does not crash start-up', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), '{ this is not json');
    const service = createSettingsService({ backend: createConfBackend(dir), logger: recordingLogger() });
    expect(service.get()).toEqual(DEFAULT_SETTINGS);
  });

  it('refuses an invalid update and keeps the previous value', () => {
    const service = createSettingsService({
      backend: createConfBackend(tempDir()),
      logger: recordingLogger(),
    });
    expect(() => service.update({ autoLockMinutes: 7 })).toThrow();
    expect(service.get().autoLockMinutes).toBe(5);
  });

  it('stores nothing but the declared settings', () => {
    const dir = tempDir();
    const service = createSettingsService({ backend: createConfBackend(dir), logger: recordingLogger() });
    service.update({ theme: 'dark' });
    const onDisk = JSON.parse(fs.readFileSync(path.join(dir, 'settings.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(onDisk).sort()).toEqual(Object.keys(DEFAULT_SETTINGS).sort());
  });
});
