import Store from 'electron-store';
import type { Settings } from '../../shared/settings';
import { SETTINGS_FILE_NAME } from '../services/settings/confBackend';
import type { SettingsBackend } from '../services/settings/settingsService';

/** electron-store wraps conf; same file name and options as the conf backend used in tests. */
export function createElectronStoreBackend(dir: string): SettingsBackend {
  const store = new Store<Record<string, unknown>>({
    cwd: dir,
    name: SETTINGS_FILE_NAME,
    clearInvalidConfig: true,
  });
  return {
    read: () => store.store,
    write: (value: Settings) => {
      store.store = { ...value };
    },
  };
}
