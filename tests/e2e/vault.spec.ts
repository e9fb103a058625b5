import { createVault, expect, STRONG_PASSPHRASE, test } from './fixtures';

test('lock, a wrong passphrase is refused, the right one unlocks', async ({ page, harness }) => {
  await page.goto(harness.url);
  await createVault(page);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Tikho is locked' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toHaveCount(0);

  await page.getByLabel('Passphrase', { exact: true }).fill('not my passphrase at all');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('That passphrase did not open Tikho');

  await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible();
});

test('a very weak passphrase is refused at creation', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('New passphrase').fill('password1');
  await page.getByLabel('Type it again').fill('password1');
  await expect(page.getByText('Too easy to guess')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Create my encrypted notebook' })).toBeDisabled();
});

test('the recovery code is shown once and opens the vault', async ({ page, harness }) => {
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('New passphrase').fill(STRONG_PASSPHRASE);
  await page.getByLabel('Type it again').fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Create my encrypted notebook' }).click();
  const list = page.getByRole('list', { name: 'Your recovery code' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  const groups = await list.locator('.recovery-group-digits').allTextContents();
  await page.getByLabel('I have written down my recovery code').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Finish' }).click();

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('button', { name: /use the recovery code/ }).click();
  await page.getByRole('textbox', { name: 'Recovery code' }).fill(groups.join(' '));
  await page.getByRole('button', { name: 'Unlock' }).click();
  // A recovery asks for a new passphrase before the notebook opens (recovery.spec.ts walks it).
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new passphrase' })).toBeVisible();
});

test('change passphrase: the old one stops working', async ({ page, harness }) => {
  const next = 'pebble tundra orchestra mellow signal cactus';
  await page.goto(harness.url);
  await createVault(page);
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Change passphrase…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change passphrase' });
  await dialog.getByLabel('Current passphrase').fill(STRONG_PASSPHRASE);
  await dialog.getByLabel('New passphrase').fill(next);
  await dialog.getByLabel('Type the new one again').fill(next);
  await expect(dialog.getByText('Strength: Strong')).toBeVisible();
  await dialog.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(
    page.getByText('Passphrase changed. The old one no longer works.', { exact: true }),
  ).toBeVisible();

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('That passphrase did not open Tikho');
  await page.getByLabel('Passphrase', { exact: true }).fill(next);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible();
});
