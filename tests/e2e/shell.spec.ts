import { createVault, expect, STRONG_PASSPHRASE, test } from './fixtures';

const NAV = {
  en: ['Notebook', 'Contact support', 'Secure channel', 'Checklist', 'Panic & safety', 'Settings'],
  ru: ['Блокнот', 'Связь с поддержкой', 'Защищённый канал', 'Чек-лист', 'Экстренное удаление', 'Настройки'],
  uk: [
    'Нотатник',
    'Зв’язок із підтримкою',
    'Захищений канал',
    'Чек-лист',
    'Екстрене видалення',
    'Налаштування',
  ],
} as const;

test.describe('first run follows the OS language', () => {
  test.use({ lang: 'uk' });
  test('a Ukrainian system opens the first-run screen in Ukrainian', async ({ page, harness }) => {
    await page.goto(harness.url);
    await expect(page.getByRole('heading', { name: 'Оберіть мову' })).toBeVisible();
    await expect(page.getByRole('radio', { name: 'Українська' })).toBeChecked();
    await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
  });
});

test('walks the shell in English, Russian and Ukrainian and finds translated text in each', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  const nav = page.getByRole('navigation', { name: 'Main sections' });

  for (const label of NAV.en) {
    await nav.getByRole('button', { name: label, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
  }

  await page.getByRole('radio', { name: 'Русский' }).click();
  await expect(page.getByRole('radio', { name: 'Русский' })).toBeChecked();
  const navRu = page.getByRole('navigation', { name: 'Основные разделы' });
  for (const label of NAV.ru)
    await expect(navRu.getByRole('button', { name: label, exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Настройки' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');

  await page.getByRole('radio', { name: 'Українська' }).click();
  await expect(page.getByRole('radio', { name: 'Українська' })).toBeChecked();
  const navUk = page.getByRole('navigation', { name: 'Основні розділи' });
  for (const label of NAV.uk) {
    await navUk.getByRole('button', { name: label, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
  }

  // The choice is persisted in main: a reload comes back in Ukrainian.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Програма «Тихо» заблокована' })).toBeVisible();
  await page.getByLabel('Парольна фраза').fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Відкрити' }).click();
  await expect(page.getByRole('navigation', { name: 'Основні розділи' })).toBeVisible();
});

test('the shell is keyboard-operable with visible focus', async ({ page, harness }) => {
  await page.goto(harness.url);
  await createVault(page);
  await page.getByRole('button', { name: 'Notebook', exact: true }).focus();
  await page.keyboard.press('Tab');
  const contact = page.getByRole('button', { name: 'Contact support' });
  await expect(contact).toBeFocused();
  expect(await contact.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Contact support' })).toBeVisible();
  // Focus follows the person to the new screen's heading.
  await expect(page.getByRole('heading', { level: 1, name: 'Contact support' })).toBeFocused();
});
