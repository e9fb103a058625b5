import type { Page } from '@playwright/test';
import { createVault, expect, test } from './fixtures';

/**
 * Workshop slides at the small 1024×700 window (issue 16): every slide, in each language, sits
 * inside the window, never scrolls, and keeps its text clear of the navigation bar. Russian and
 * Ukrainian run longer than English, so each is stepped through on its own.
 */
test.use({ viewport: { width: 1024, height: 700 } });

const LANGUAGE_NAMES = { en: 'English', ru: 'Русский', uk: 'Українська' } as const;

/** Describes what is wrong with the slide on screen, or null when it fits. */
async function slideProblem(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const root = document.querySelector('.cl-presentation');
    const slide = document.querySelector('.cl-slide');
    const nav = document.querySelector('.cl-slide-nav');
    if (!root || !slide || !nav) return 'no slide on screen';
    if (root.scrollHeight > root.clientHeight)
      return `presentation scrolls by ${root.scrollHeight - root.clientHeight}px`;
    const doc = document.documentElement;
    if (doc.scrollHeight > doc.clientHeight)
      return `document scrolls by ${doc.scrollHeight - doc.clientHeight}px`;
    const inside = (box: DOMRect): boolean =>
      box.top >= 0 && box.left >= 0 && box.bottom <= window.innerHeight && box.right <= window.innerWidth;
    if (!inside(slide.getBoundingClientRect())) return 'slide box leaves the window';
    if (!inside(nav.getBoundingClientRect())) return 'navigation bar leaves the window';
    const navTop = nav.getBoundingClientRect().top;
    for (const element of Array.from(slide.querySelectorAll('*'))) {
      const box = element.getBoundingClientRect();
      if (box.height === 0) continue;
      if (box.bottom > navTop)
        return `“${(element.textContent ?? '').slice(0, 40)}” runs under the navigation bar`;
      if (!inside(box)) return `“${(element.textContent ?? '').slice(0, 40)}” leaves the window`;
    }
    return null;
  });
}

async function openWorkshop(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: 'Checklist', exact: true }).click();
  await page.getByRole('radio', { name: /^Russia/ }).check();
  await page.getByRole('checkbox', { name: 'I run trainings' }).check();
  await page.getByRole('button', { name: 'Show my first steps' }).click();
  await page.getByRole('button', { name: 'Workshop mode' }).click();
  await page.getByRole('radio', { name: 'Running a workshop' }).check();
}

test('every workshop slide fits a 1024×700 window in en, ru and uk', async ({ page, harness }) => {
  await page.goto(harness.url);
  await createVault(page);
  await openWorkshop(page);
  const problems: string[] = [];
  for (const lang of ['en', 'ru', 'uk'] as const) {
    await page.getByRole('radio', { name: LANGUAGE_NAMES[lang], exact: true }).check();
    await page.getByRole('button', { name: 'Start presentation' }).click();
    const slides = page.getByRole('dialog');
    await expect(slides).toHaveAttribute('lang', lang);
    const counter = slides.locator('.eyebrow');
    let slidesSeen = 0;
    for (;;) {
      slidesSeen += 1;
      const problem = await slideProblem(page);
      if (problem !== null) problems.push(`${lang} slide ${slidesSeen - 1}: ${problem}`);
      const next = slides.getByRole('navigation').getByRole('button').nth(1);
      if (await next.isDisabled()) break;
      const before = await counter.textContent();
      await page.keyboard.press('ArrowRight');
      await expect(counter).not.toHaveText(before ?? '');
    }
    // Cover plus at least one item slide, so the loop really stepped through the deck.
    expect(slidesSeen).toBeGreaterThan(1);
    await page.keyboard.press('Escape');
    await expect(slides).toHaveCount(0);
  }
  expect(problems).toEqual([]);
});
