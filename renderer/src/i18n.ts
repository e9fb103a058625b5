import i18next from 'i18next';
import type { Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { disguiseText } from '../../shared/disguise';
import type { Disguise } from '../../shared/disguise';
import type { Language } from '../../shared/settings';

let disguise: Disguise = 'off';

/** Every translated string passes here: the app's name becomes the disguise name when one is set. */
const disguisePostProcessor = {
  type: 'postProcessor' as const,
  name: 'disguise',
  process: (value: string, _key: string | string[], _options: unknown, translator: { language?: string }) =>
    disguiseText(value, languageOf(translator.language), disguise),
};

function languageOf(value: string | undefined): Language {
  return value === 'ru' || value === 'uk' ? value : 'en';
}

// The same catalogs main reads for menus and dialogs (docs/architecture.md §i18n), bundled into the renderer.
const modules = import.meta.glob<{ default: Record<string, unknown> }>('../../resources/locales/*/*.json', {
  eager: true,
});

export function catalogs(): Resource {
  const resources: Resource = {};
  for (const [file, mod] of Object.entries(modules)) {
    const match = /locales\/([a-z]{2})\/([a-zA-Z]+)\.json$/.exec(file);
    if (!match?.[1] || !match[2]) continue;
    (resources[match[1]] ??= {})[match[2]] = mod.default;
  }
  return resources;
}

export async function initI18n(language: Language, initialDisguise: Disguise): Promise<typeof i18next> {
  disguise = initialDisguise;
  await i18next
    .use(initReactI18next)
    .use(disguisePostProcessor)
    .init({
      postProcess: ['disguise'],
      resources: catalogs(),
      lng: language,
      fallbackLng: 'en',
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: Language): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

/** Switches the disguise and re-renders every translated string (react-i18next listens to this). */
export async function changeDisguise(next: Disguise): Promise<void> {
  disguise = next;
  await i18next.changeLanguage(i18next.language);
}
