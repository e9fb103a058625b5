import type { Page } from '@playwright/test';
import { createVault, expect, test } from './fixtures';

/**
 * Issue 16 "Done when" (screens at 1024×700 in en, ru, uk, looked at): two defects the
 * screenshots showed, checked by measuring so they cannot come back unseen. In ru and uk the
 * chosen menu entry was set in bold, wrapped to two lines and pushed the menu down; and radio
 * buttons and checkboxes beside a label that wraps shrank to about 12px.
 */

test.use({ viewport: { width: 1024, height: 700 } });

const LANGUAGES = [
  { radio: 'Русский', settings: 'Настройки', checklist: 'Чек-лист' },
  { radio: 'Українська', settings: 'Налаштування', checklist: 'Чек-лист' },
] as const;

async function menuHeight(page: Page): Promise<number> {
  const box = await page.getByRole('navigation').getByRole('list').boundingBox();
  expect(box).not.toBeNull();
  return box?.height ?? 0;
}

test('in ru and uk the menu keeps its height whichever section is chosen, and choice boxes keep their size', async ({
  page,
  harness,
}) => {
  test.setTimeout(120_000);
  await page.goto(harness.url);
  await createVault(page);
  let settings = 'Settings';
  for (const language of LANGUAGES) {
    await page.getByRole('button', { name: settings, exact: true }).click();
    await page.getByRole('radio', { name: language.radio }).click();
    await expect(page.getByRole('button', { name: language.settings, exact: true })).toBeVisible();
    settings = language.settings;

    const sections = page.getByRole('navigation').getByRole('button');
    const heights: number[] = [];
    for (let i = 0; i < (await sections.count()); i += 1) {
      await sections.nth(i).click();
      await expect(sections.nth(i)).toHaveAttribute('aria-current', 'page');
      heights.push(await menuHeight(page));
    }
    expect(new Set(heights).size, `${language.radio}: menu heights ${heights.join(', ')}`).toBe(1);

    await page.getByRole('button', { name: language.checklist, exact: true }).click();
    const boxes = page.locator('form').locator('input[type="radio"], input[type="checkbox"]');
    // Three places and six roles on the checklist's first questions.
    await expect(boxes).toHaveCount(9);
    const widths: number[] = [];
    for (const box of await boxes.all()) widths.push(Math.round((await box.boundingBox())?.width ?? 0));
    expect(new Set(widths), `${language.radio}: choice box widths`).toEqual(new Set([18]));
  }
});
