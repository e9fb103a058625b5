import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createVault, expect, STRONG_PASSPHRASE, test } from './fixtures';

/** Everything a person or an onlooker can read: text, title, tooltips, labels, placeholders. */
async function visibleNames(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [document.title];
    found.push(document.body.innerText);
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of ['title', 'aria-label', 'placeholder', 'alt', 'aria-description'])
        if (el.hasAttribute(attr)) found.push(el.getAttribute(attr) ?? '');
    }
    return found;
  });
}

// The name as any screen could write it: Latin, or Cyrillic as a word of its own.
const APP_NAME = /Tikho|(?<!\p{L})Тихо(?!\p{L})/iu;

async function expectNoAppName(page: Page, where: string): Promise<void> {
  const leaks = (await visibleNames(page)).filter((text) => APP_NAME.test(text));
  expect(
    leaks.map((text) => text.match(/.{0,40}(Tikho|Тихо).{0,40}/isu)?.[0]),
    where,
  ).toEqual([]);
}

async function visitEverySection(page: Page, label: string, language: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: label });
  const count = await nav.getByRole('button').count();
  expect(count).toBeGreaterThanOrEqual(6);
  for (let i = 0; i < count; i++) {
    const button = nav.getByRole('button').nth(i);
    await button.click();
    await expect(button).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    // Screens load their data after the heading; give the slowest (checklist) its first paint.
    await page.waitForLoadState('networkidle');
    await expectNoAppName(page, `${language} section ${i}`);
  }
}

test('with a disguise on, no screen, title or tooltip names the app, in English and Russian; off restores it', async ({
  page,
  harness,
}) => {
  test.setTimeout(180_000);
  await page.goto(harness.url);
  await createVault(page);
  await expect(page).toHaveTitle('Tikho');
  await page
    .getByRole('navigation', { name: 'Main sections' })
    .getByRole('button', { name: 'Settings' })
    .click();
  await page.getByRole('group', { name: 'Disguise' }).getByRole('radio', { name: 'Notes' }).click();
  await expect(
    page.getByRole('group', { name: 'Disguise' }).getByRole('radio', { name: 'Notes' }),
  ).toBeChecked();
  await expect(page).toHaveTitle('Notes');
  await visitEverySection(page, 'Main sections', 'en');

  // The lock screen, also after a restart of the page (the window opening again).
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByLabel('Passphrase', { exact: true })).toBeVisible();
  await expectNoAppName(page, 'lock screen');
  await page.reload();
  await expect(page.getByLabel('Passphrase', { exact: true })).toBeVisible();
  await expect(page).toHaveTitle('Notes');
  await expectNoAppName(page, 'lock screen after restart');
  await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();

  // Russian: the name is «Заметки» wherever the real one would stand.
  await page
    .getByRole('navigation', { name: 'Main sections' })
    .getByRole('button', { name: 'Settings' })
    .click();
  // Settings save through main first: a click, then the state main confirmed.
  await page.getByRole('radio', { name: 'Русский' }).click();
  await expect(page.getByRole('radio', { name: 'Русский' })).toBeChecked();
  await expect(page).toHaveTitle('Заметки');
  await visitEverySection(page, 'Основные разделы', 'ru');

  // Off again: the real name is back everywhere.
  await page
    .getByRole('navigation', { name: 'Основные разделы' })
    .getByRole('button', { name: 'Настройки' })
    .click();
  await page
    .getByRole('group', { name: 'Маскировка' })
    .getByRole('radio', { name: /^Выключена/ })
    .click();
  await expect(page).toHaveTitle('Тихо');
  await expect(page.locator('.brand-name')).toHaveText('Тихо');
});

test('with a disguise on, every file the person saves has a neutral name and no app name inside', async ({
  page,
  harness,
}) => {
  test.setTimeout(120_000);
  await page.goto(harness.url);
  await createVault(page);
  const nav = page.getByRole('navigation', { name: 'Main sections' });
  await nav.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('group', { name: 'Disguise' }).getByRole('radio', { name: 'Notes' }).click();
  await expect(
    page.getByRole('group', { name: 'Disguise' }).getByRole('radio', { name: 'Notes' }),
  ).toBeChecked();

  // Notes (the section is named after the disguise now): one note, then the backup and the plain export.
  await nav.getByRole('button').first().click();
  await page.getByRole('button', { name: 'New note' }).click();
  await page.getByLabel('Title').fill('Shopping');
  await page.getByRole('tab', { name: 'Backup and export' }).click();
  await page.getByRole('button', { name: 'Save encrypted backup…' }).click();
  // .first(): for its first second a toast is also in Radix's live-region announcement.
  await expect(page.getByText(/Encrypted backup saved to/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Export as plain text…' }).click();
  await page.getByRole('button', { name: 'I understand, export' }).click();
  await expect(page.getByText(/Unencrypted export saved to/).first()).toBeVisible();

  // Contact support: the person's own public key.
  await nav.getByRole('button', { name: 'Contact support' }).click();
  await page.getByRole('tab', { name: 'My key' }).click();
  await page.getByRole('button', { name: 'Make my key' }).click();
  await page.getByRole('button', { name: 'Save my public key as a file…' }).click({ timeout: 30_000 });

  await expect.poll(() => fs.readdirSync(harness.downloadsDir).length, { timeout: 15_000 }).toBe(3);
  for (const name of fs.readdirSync(harness.downloadsDir)) {
    expect(name).not.toMatch(APP_NAME);
    // The backup too (version 2: no magic, no fixed byte; version 1 began with TIKHOBAK).
    const bytes = fs.readFileSync(path.join(harness.downloadsDir, name));
    // Latin-1 sees ASCII magic bytes and armor headers; UTF-8 sees Cyrillic text.
    for (const text of [bytes.toString('latin1'), bytes.toString('utf8')]) {
      expect(APP_NAME.exec(text)?.[0], `${name} names the app`).toBeUndefined();
    }
  }
});
