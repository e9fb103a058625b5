import fs from 'node:fs';
import { expect, test as base } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { HarnessProcess } from './harness';
import { startHarness } from './harness';

/**
 * Every e2e test gets its own harness (fresh data folder) and a page whose every request is
 * checked: nothing may leave 127.0.0.1 during the whole run (issue 2 §10).
 */
export const test = base.extend<{ harness: HarnessProcess; lang: string; offsiteRequests: string[] }>({
  lang: ['en', { option: true }],
  // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their deps as the first argument
  offsiteRequests: async ({}, use) => {
    const offsite: string[] = [];
    await use(offsite);
    expect(offsite, 'requests that left 127.0.0.1').toEqual([]);
  },
  harness: async ({ lang }, use) => {
    const harness = await startHarness({ lang });
    await use(harness);
    await harness.stop();
    fs.rmSync(harness.dataDir, { recursive: true, force: true });
    fs.rmSync(harness.downloadsDir, { recursive: true, force: true });
  },
  page: async ({ page, offsiteRequests }, use) => {
    page.on('request', (request) => {
      const url = new URL(request.url());
      const local = url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1';
      if (!local) offsiteRequests.push(request.url());
    });
    // A request the CSP stopped inside the browser never left it.
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? '';
      if (reason === 'csp' || reason.includes('ERR_BLOCKED_BY_CSP')) {
        const index = offsiteRequests.indexOf(request.url());
        if (index >= 0) offsiteRequests.splice(index, 1);
      }
    });
    await use(page);
  },
});

export { expect };

export const STRONG_PASSPHRASE = 'velvet orbit lantern quietly harvest marble';

/** Walks the first-run wizard in English and lands in the unlocked shell. */
export async function createVault(page: Page, passphrase = STRONG_PASSPHRASE): Promise<void> {
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('New passphrase').fill(passphrase);
  await page.getByLabel('Type it again').fill(passphrase);
  await page.getByLabel('Also make a recovery code (recommended)').uncheck();
  await expect(page.getByText('Strength: Strong')).toBeVisible();
  await page.getByRole('button', { name: 'Create my encrypted notebook' }).click();
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible();
  // First run lands on the checklist's first steps (ux.md); tests start from the notebook.
  await expect(page.getByRole('button', { name: 'Checklist', exact: true })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await page.getByRole('button', { name: 'Notebook', exact: true }).click();
}
