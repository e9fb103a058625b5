import i18next from 'i18next';
import type { Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../shared/settings';

// The same catalogs main reads for menus and dialogs (design §9), bundled into the renderer.
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

export async function initI18n(language: Language): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
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
