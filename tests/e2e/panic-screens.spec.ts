import { createVault, expect, test } from './fixtures';

const L = {
  en: { language: 'English', drill: 'Run a drill', wipe: 'Wipe everything…' },
  ru: { language: 'Русский', drill: 'Начать тренировку', wipe: 'Удалить всё…' },
  uk: { language: 'Українська', drill: 'Почати тренування', wipe: 'Видалити все…' },
} as const;

// Screenshots for review, on request (PANIC_SHOTS=1): the panic screen with a drill report, and the countdown.
for (const lang of ['en', 'ru', 'uk'] as const) {
  test(`panic screen screenshots (${lang})`, async ({ page, harness }) => {
    test.skip(!process.env.PANIC_SHOTS, 'screenshots on request: PANIC_SHOTS=1');
    await page.goto(harness.url);
    await createVault(page);
    const nav = page.getByRole('navigation');
    await nav.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('radio', { name: L[lang].language }).click();
    await nav.getByRole('button').nth(4).click();
    await page.getByRole('button', { name: L[lang].drill }).click();
    await expect(page.locator('.drill-table')).toBeVisible();
    // The shell scrolls inside its content column: a tall viewport shows the whole screen.
    await page.setViewportSize({ width: 1280, height: 3200 });
    await page.screenshot({ path: `/tmp/panic-${lang}-full.png` });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: L[lang].wipe }).click();
    await page.waitForTimeout(200);
    await page.getByRole('alertdialog').screenshot({ path: `/tmp/panic-${lang}-countdown.png` });
    await page.keyboard.press('Shift');
  });
}
