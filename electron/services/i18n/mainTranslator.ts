import i18next from 'i18next';
import type { TFunction } from 'i18next';
import type { Language } from '../../../shared/settings';
import { loadCatalogs } from './catalogs';

export interface MainTranslator {
  t: TFunction;
  setLanguage(language: Language): Promise<void>;
}

/** i18next for native menus and dialogs, over the renderer's catalogs. */
export async function createMainTranslator(
  resourcesDir: string,
  language: Language,
): Promise<MainTranslator> {
  const instance = i18next.createInstance();
  await instance.init({
    resources: loadCatalogs(resourcesDir),
    lng: language,
    fallbackLng: 'en',
    ns: ['main'],
    defaultNS: 'main',
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return {
    t: instance.t.bind(instance),
    setLanguage: async (next) => {
      await instance.changeLanguage(next);
    },
  };
}
