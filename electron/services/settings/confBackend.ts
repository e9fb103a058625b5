import Conf from 'conf';
import type { Settings } from '../../../shared/settings';
import type { SettingsBackend } from './settingsService';

export const SETTINGS_FILE_NAME = 'settings';

/**
 * conf in an explicit folder, the same in the app, the harness and tests (`<dir>/settings.json`,
 * the file electron-store used to write). clearInvalidConfig: a file that is not JSON at all is
 * replaced rather than crashing start-up.
 */
export function createConfBackend(dir: string): SettingsBackend {
  const store = new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: SETTINGS_FILE_NAME,
    clearInvalidConfig: true,
    projectName: 'tikho',
  });
  return {
    read: () => store.store,
    write: (value: Settings) => {
      store.store = { ...value };
    },
  };
}
