import type { Settings, SettingsPatch } from '../../../shared/settings';
import { DEFAULT_SETTINGS, settingsPatchSchema, settingsSchema } from '../../../shared/settings';
import type { Logger } from '../log';
import { migrateSettings } from './migrateSettings';

/**
 * Where settings live: conf (confBackend.ts) in the app, the harness and tests alike.
 */
export interface SettingsBackend {
  read(): unknown;
  write(value: Settings): void;
}

export interface SettingsService {
  get(): Settings;
  update(patch: SettingsPatch): Settings;
  onChange(listener: (settings: Settings) => void): () => void;
  /**
   * Back to the defaults in memory only, without writing: after a panic wipe deleted the settings
   * file, nothing may write the person's old choices back. The language is kept so
   * the screen does not switch language in front of whoever is watching.
   */
  reset(): void;
  /**
   * Writes what is in memory (after reset(): the defaults and the language). A wipe that leaves
   * the app running calls it once the folder is empty again: every running app has a settings
   * file, and a folder without one would say a wipe just happened.
   */
  persist(): void;
}

/**
 * Reads key by key so that one hand-edited or corrupted value falls back to its default with a
 * warning while the rest of the user's choices survive. Never throws on bad files.
 */
export function sanitizeSettings(raw: unknown, logger: Logger): Settings {
  const source = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  if (raw !== undefined && (typeof raw !== 'object' || raw === null)) {
    logger.warn('settings: file is not an object, using defaults');
  }
  const result: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (!(key in source)) continue;
    const single = settingsSchema.shape[key].safeParse(source[key]);
    if (single.success) result[key] = single.data;
    else logger.warn('settings: invalid value replaced by its default', { setting: key });
  }
  return settingsSchema.parse(result);
}

export function createSettingsService({
  backend,
  logger,
}: {
  backend: SettingsBackend;
  logger: Logger;
}): SettingsService {
  let raw: unknown;
  try {
    raw = backend.read();
  } catch {
    logger.warn('settings: could not read the settings file, using defaults');
    raw = undefined;
  }
  let current = sanitizeSettings(migrateSettings(raw), logger);
  const listeners = new Set<(settings: Settings) => void>();

  const persist = (): void => {
    try {
      backend.write(current);
    } catch {
      // Settings are conveniences; failing to save them must not break the app.
      logger.warn('settings: could not write the settings file');
    }
  };
  persist();

  return {
    get: () => ({ ...current }),
    update: (patch) => {
      const checked = settingsPatchSchema.parse(patch);
      current = settingsSchema.parse({ ...current, ...checked });
      persist();
      for (const listener of listeners) listener({ ...current });
      return { ...current };
    },
    reset: () => {
      current = { ...DEFAULT_SETTINGS, language: current.language };
      for (const listener of listeners) listener({ ...current });
    },
    persist,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
