import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISGUISES, disguiseStrings, disguiseText } from '../../../shared/disguise';
import { LANGUAGES } from '../../../shared/settings';
import { loadCatalogs } from '../../../electron/services/i18n/catalogs';

const RESOURCES = path.resolve(import.meta.dirname, '../../../resources');
const NAME = /Tikho|(?<!\p{L})Тихо(?!\p{L})/u;

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

describe('disguise', () => {
  it('leaves every text alone when off', () => {
    expect(disguiseText('Tikho is locked', 'en', 'off')).toBe('Tikho is locked');
  });

  it('replaces the name as a name: bare on its own, quoted inside a Russian or Ukrainian sentence', () => {
    expect(disguiseText('Tikho', 'en', 'notes')).toBe('Notes');
    expect(disguiseText('Тихо', 'ru', 'notes')).toBe('Заметки');
    expect(disguiseText('Программа «Тихо» заблокирована.', 'ru', 'notes')).toBe(
      'Программа «Заметки» заблокирована.',
    );
    expect(disguiseText('Откройте в Тихо раздел', 'ru', 'tasks')).toBe('Откройте в «Задачи» раздел');
    expect(disguiseText('Програма „Тихо“ нічого не надсилає', 'uk', 'documents')).toBe(
      'Програма «Документи» нічого не надсилає',
    );
    // The everyday word is not the name.
    expect(disguiseText('Говорите тихо.', 'ru', 'notes')).toBe('Говорите тихо.');
    expect(disguiseText('Тихоокеанский', 'ru', 'notes')).toBe('Тихоокеанский');
  });

  it.each(LANGUAGES)('no string of the %s catalogs names the app under any disguise', (language) => {
    const all = strings(loadCatalogs(RESOURCES)[language]);
    expect(all.some((text) => NAME.test(text))).toBe(true);
    for (const disguise of DISGUISES.filter((d) => d !== 'off'))
      for (const text of all) expect(disguiseText(text, language, disguise)).not.toMatch(NAME);
  });

  it('checklist content under a disguise names the app nowhere', () => {
    const items = fs
      .readdirSync(path.join(RESOURCES, 'checklists/items'))
      .map(
        (file) =>
          JSON.parse(fs.readFileSync(path.join(RESOURCES, 'checklists/items', file), 'utf8')) as unknown,
      );
    const disguised = disguiseStrings(items, 'ru', 'notes');
    expect(strings(disguised).filter((text) => NAME.test(text))).toEqual([]);
  });
});

describe('disguise in main', () => {
  it("main's menus and window title follow the disguise as it changes", async () => {
    const { createMainTranslator } = await import('../../../electron/services/i18n/mainTranslator');
    let disguise: (typeof DISGUISES)[number] = 'off';
    const translator = await createMainTranslator(RESOURCES, 'ru', () => disguise);
    expect(translator.t('common:appName')).toBe('Тихо');
    disguise = 'notes';
    expect(translator.t('common:appName')).toBe('Заметки');
    const menuStrings = strings(loadCatalogs(RESOURCES).ru?.main);
    expect(menuStrings.length).toBeGreaterThan(3);
  });
});
