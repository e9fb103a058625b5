import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMainTranslator } from '../../../../electron/services/i18n/mainTranslator';
import { resolveLanguage } from '../../../../electron/services/i18n/resolveLanguage';

const RESOURCES = path.resolve(import.meta.dirname, '../../../../resources');

describe('plural forms read correctly', () => {
  it('ru picks one/few/many by the number', async () => {
    const tr = await createMainTranslator(RESOURCES, 'ru');
    expect(tr.t('settings:autoLock.minutes', { count: 1 })).toBe('1 минуту');
    expect(tr.t('settings:autoLock.minutes', { count: 2 })).toBe('2 минуты');
    expect(tr.t('settings:autoLock.minutes', { count: 5 })).toBe('5 минут');
    expect(tr.t('settings:autoLock.minutes', { count: 21 })).toBe('21 минуту');
  });
  it('uk picks one/few/many by the number', async () => {
    const tr = await createMainTranslator(RESOURCES, 'uk');
    expect(tr.t('settings:autoLock.minutes', { count: 1 })).toBe('1 хвилину');
    expect(tr.t('settings:autoLock.minutes', { count: 3 })).toBe('3 хвилини');
    expect(tr.t('settings:autoLock.minutes', { count: 15 })).toBe('15 хвилин');
  });
  it('main translates menus from the same catalogs', async () => {
    const tr = await createMainTranslator(RESOURCES, 'uk');
    expect(tr.t('menu.lock')).toBe('Заблокувати');
    await tr.setLanguage('ru');
    expect(tr.t('menu.lock')).toBe('Заблокировать');
  });
});

describe('first run follows the OS locale', () => {
  it.each([
    [['uk-UA', 'ru-RU'], 'uk'],
    [['ru_RU.UTF-8'], 'ru'],
    [['be-BY'], 'ru'],
    [['de-DE', 'en-US'], 'en'],
    [['fr-FR'], 'en'],
    [[], 'en'],
  ] as const)('%j → %s', (preferred, expected) => {
    expect(resolveLanguage(preferred)).toBe(expected);
  });
});
