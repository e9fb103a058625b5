import i18next from 'i18next';
import type { TFunction } from 'i18next';
import { disguiseText } from '../../../shared/disguise';
import type { Disguise } from '../../../shared/disguise';
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
  disguise: () => Disguise = () => 'off',
): Promise<MainTranslator> {
  const instance = i18next.createInstance();
  // Menus and dialogs say the disguise name too (shared/disguise.ts).
  instance.use({
    type: 'postProcessor',
    name: 'disguise',
    process: (value: string) => disguiseText(value, asLanguage(instance.language), disguise()),
  });
  await instance.init({
    postProcess: ['disguise'],
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

function asLanguage(value: string | undefined): Language {
  return value === 'ru' || value === 'uk' ? value : 'en';
}
