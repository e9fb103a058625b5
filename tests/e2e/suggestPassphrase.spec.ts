import { expect, test } from './fixtures';
import { tr, type Lang } from './tr';

/**
 * Issue 16 §5: "Suggest a passphrase" gives Russian and Ukrainian speakers words in their own
 * language, typed on the layout they already have on, and the phrase creates a notebook.
 */

/** Letters of each standard layout (electron/services/passphrase/wordlistRules.ts). */
const LAYOUT: Record<'ru' | 'uk', RegExp> = {
  ru: /^[абвгдежзийклмнопрстуфхцчшщъыьэюя]+$/u,
  uk: /^[абвгдежзийклмнопрстуфхцчшщьюяєії]+$/u,
};

for (const lang of ['ru', 'uk'] as const satisfies readonly Lang[]) {
  test.describe(`in ${lang}`, () => {
    test.use({ lang });

    test('the suggested words are on the person’s own layout and create a notebook', async ({
      page,
      harness,
    }) => {
      const t = (key: `${string}:${string}`, options?: Record<string, unknown>): string =>
        tr(lang, key, options);
      await page.goto(harness.url);
      await page.getByRole('button', { name: t('common:actions.continue') }).click();
      await page.getByRole('button', { name: t('common:actions.continue') }).click();
      await page.getByRole('button', { name: t('vault:firstRun.suggest') }).click();
      const shown = page.locator('.suggestion-result code');
      await expect(shown).toBeVisible();
      const prefix = t('vault:firstRun.suggestion', { words: '' });
      const text = (await shown.innerText()).trim();
      expect(text.startsWith(prefix.trim())).toBe(true);
      const words = text.slice(prefix.trim().length).trim().split(' ');
      expect(words).toHaveLength(6);
      for (const word of words) expect(word, `«${word}» on the ${lang} layout`).toMatch(LAYOUT[lang]);

      await page.getByRole('button', { name: t('vault:firstRun.useSuggestion') }).click();
      await expect(page.getByLabel(t('vault:firstRun.newPassphrase'), { exact: true })).toHaveValue(
        words.join(' '),
      );
      await page.getByLabel(t('vault:firstRun.recoveryOption'), { exact: true }).uncheck();
      await expect(
        page.getByText(`${t('vault:strength.label')}: ${t('vault:strength.strong')}`, { exact: true }),
      ).toBeVisible();
      await page.getByRole('button', { name: t('vault:firstRun.create') }).click();
      await page.getByRole('button', { name: t('vault:firstRun.finish') }).click();
      await expect(page.getByRole('navigation', { name: t('common:nav.label') })).toBeVisible();
    });
  });
}
