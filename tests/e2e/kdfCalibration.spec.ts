import fs from 'node:fs';
import { expect, STRONG_PASSPHRASE, test as base } from './fixtures';
import { startHarness, type HarnessProcess } from './harness';

/**
 * Issue 11 §7: the first vault on a computer gets Argon2id parameters measured there, which takes
 * seconds before the notebook exists; the person is told what is happening while it does.
 */
const test = base.extend<{ harness: HarnessProcess }>({
  harness: async ({ lang }, use) => {
    const harness = await startHarness({ lang, calibrateKdf: true });
    await use(harness);
    await harness.stop();
    fs.rmSync(harness.dataDir, { recursive: true, force: true });
    fs.rmSync(harness.downloadsDir, { recursive: true, force: true });
  },
});

test('creating the first vault says it is preparing strong protection, then the vault opens', async ({
  page,
  harness,
}) => {
  // Calibration measures idle-computer time; on a shared, busy CI box each derivation then takes
  // several times its target, so this test gets room (its assertions carry no timing).
  test.setTimeout(300_000);
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('New passphrase').fill(STRONG_PASSPHRASE);
  await page.getByLabel('Type it again').fill(STRONG_PASSPHRASE);
  await page.getByLabel('Also make a recovery code (recommended)').uncheck();
  await expect(page.getByText('Strength: Strong')).toBeVisible();
  await page.getByRole('button', { name: 'Create my encrypted notebook' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Preparing strong protection…' });
  await expect(status).toBeVisible();
  await expect(status).toContainText('every guess at your passphrase costs about a second');
  await page.getByRole('button', { name: 'Finish' }).click({ timeout: 150_000 });
  await expect(status).toHaveCount(0);

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible({ timeout: 120_000 });
});
