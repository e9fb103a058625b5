import Conf from 'conf';
import type { Settings } from '../../../shared/settings';
import type { SettingsBackend } from './settingsService';

export const SETTINGS_FILE_NAME = 'settings';

/**
 * conf with the options electron-store passes in the app, so tests and the harness read and
 * write exactly the same file format. clearInvalidConfig: a file that is not JSON at all is
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
