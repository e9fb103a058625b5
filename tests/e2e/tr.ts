import fs from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import type { i18n, Resource, ResourceLanguage } from 'i18next';

/**
 * The app's own catalogs, read by the test: a label is found by its key in the person's language,
 * so one walk serves en, ru and uk and a renamed string cannot leave a stale copy in the test.
 */
export type Lang = 'en' | 'ru' | 'uk';

const LOCALES = path.resolve(import.meta.dirname, '../../resources/locales');
const instances = new Map<Lang, i18n>();

function catalogs(): Resource {
  const resources: Resource = {};
  for (const lang of fs.readdirSync(LOCALES)) {
    const dir = path.join(LOCALES, lang);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.json'))) {
      const text = fs.readFileSync(path.join(dir, file), 'utf8');
      (resources[lang] ??= {})[path.basename(file, '.json')] = JSON.parse(text) as ResourceLanguage;
    }
  }
  return resources;
}

function instance(lang: Lang): i18n {
  let found = instances.get(lang);
  if (!found) {
    found = i18next.createInstance();
    void found.init({
      lng: lang,
      // No fallback: a key missing in ru or uk must fail the test, not pass in English.
      fallbackLng: false,
      resources: catalogs(),
      defaultNS: 'common',
      interpolation: { escapeValue: false },
      initAsync: false,
    });
    instances.set(lang, found);
  }
  return found;
}

/** `tr('ru', 'vault:lock.title')`; throws when the key does not exist in that language. */
export function tr(lang: Lang, key: `${string}:${string}`, options: Record<string, unknown> = {}): string {
  const i18 = instance(lang);
  if (!i18.exists(key, options)) throw new Error(`no string ${key} in ${lang}`);
  return i18.t(key, options);
}
