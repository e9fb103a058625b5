import type { Page } from '@playwright/test';
import { PANIC_COUNTDOWN_SECONDS } from '../../shared/ipc/panic';
import { createVault, expect, test } from './fixtures';
import { tr } from './tr';

/**
 * The same notice said twice: a person who cancels the wipe a second time, three seconds after
 * the first, must get "Wipe cancelled" for its full six seconds again, not the last three of the
 * first toast. The page's clock is Playwright's fake one, so the seconds are exact on any machine.
 */

async function startAndCancelWipe(page: Page): Promise<void> {
  await page.getByRole('button', { name: tr('en', 'panic:button.start') }).click();
  await page
    .getByRole('alertdialog')
    .getByRole('button', { name: tr('en', 'panic:button.confirm.start', { count: PANIC_COUNTDOWN_SECONDS }) })
    .click();
  await page.getByRole('button', { name: tr('en', 'panic:button.cancel') }).click();
}

test('a notice repeated while the first is showing gets its own full time', async ({ page, harness }) => {
  await page.clock.install();
  await page.goto(harness.url);
  await createVault(page);
  await page.getByRole('button', { name: 'Panic & safety', exact: true }).click();
  const cancelled = page.getByText(tr('en', 'panic:button.cancelled'), { exact: true });

  await startAndCancelWipe(page);
  await expect(cancelled).toBeVisible();
  // From here the page's time moves only when the test moves it; no countdown is running.
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 100);
  await page.clock.runFor(3_000);
  await expect(cancelled).toBeVisible();

  await startAndCancelWipe(page);
  // Seven seconds after the first notice and four after the second: only the second may show.
  await page.clock.runFor(4_000);
  await expect(cancelled).toBeVisible();
  await page.clock.runFor(2_500);
  await expect(cancelled).toBeHidden();
});
