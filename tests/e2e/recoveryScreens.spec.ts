import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { expect, STRONG_PASSPHRASE, test } from './fixtures';

/**
 * Issue 16 §5 in every language: each recovery screen at 1024×700 is axe-clean in the light and
 * the dark theme, says which group is mistyped in the person's language, and is saved as a
 * screenshot for a person to look at (test-results/…). Selectors are language-neutral on purpose.
 */
const MISTYPED = {
  en: 'Group 3 looks mistyped',
  ru: 'Похоже, в группе 3 опечатка',
  uk: 'Схоже, у групі 3 помилка',
} as const;

test.use({ viewport: { width: 1024, height: 700 } });

async function look(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const result = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .analyze();
    const found = result.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
    expect(found, `${name}, ${scheme}`).toEqual([]);
    await page.screenshot({ path: path.join(testInfo.outputDir, `${name}-${scheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

for (const lang of ['en', 'ru', 'uk'] as const) {
  test.describe(lang, () => {
    test.use({ lang });

    test(`recovery screens in ${lang}: axe-clean in both themes, the mistyped group named`, async ({
      page,
      harness,
    }, testInfo) => {
      test.setTimeout(180_000);
      await page.goto(harness.url);
      await page.locator('button.button-primary').click();
      await page.locator('button.button-primary').click();
      await page.locator('input[type=password]').nth(0).fill(STRONG_PASSPHRASE);
      await page.locator('input[type=password]').nth(1).fill(STRONG_PASSPHRASE);
      await expect(page.locator('button[type=submit]')).toBeEnabled();
      await page.locator('button[type=submit]').click();
      const digits = page.locator('.recovery-groups .recovery-group-digits');
      await expect(digits).toHaveCount(10);
      const groups = await digits.allTextContents();
      await look(page, testInfo, `${lang}-first-run-code`);
      await page.locator('.check-row input[type=checkbox]').check();
      await page.locator('button.button-primary').click();
      await page.locator('.actions button.button-primary:not([type=submit])').click();
      await expect(page.locator('nav')).toBeVisible();

      await page.locator('.nav-item').nth(5).click();
      const card = page.locator('#recovery-code');
      await card.scrollIntoViewIfNeeded();
      await look(page, testInfo, `${lang}-settings-recovery`);

      await page.locator('.lock-button').click();
      await page.locator('button.button-link').click();
      const field = page.locator('.recovery-field textarea');
      await field.fill(
        groups.map((g, i) => (i === 2 ? `${g.slice(0, 4)}${(Number(g[4]) + 1) % 10}` : g)).join(' '),
      );
      await field.press('Enter');
      await expect(page.getByRole('alert')).toContainText(MISTYPED[lang]);
      await look(page, testInfo, `${lang}-lock-mistyped`);

      await field.fill(groups.join(' '));
      await field.press('Enter');
      await expect(page.locator('#recovered-title')).toBeVisible();
      await look(page, testInfo, `${lang}-new-passphrase`);
    });
  });
}
