import fs from 'node:fs';
import path from 'node:path';
import { expect, STRONG_PASSPHRASE, test } from './fixtures';
import { lock, unlock, writeNote } from './notebookHelpers';

/** A passphrase change (also "I think my passphrase was seen") makes new keys and retires the old secrets. */
const NEXT = 'pebble tundra orchestra mellow signal cactus';

function recordNames(dataDir: string): string[] {
  return fs.readdirSync(path.join(dataDir, 'vault', 'records')).sort();
}

test('a passphrase change makes new keys: new passphrase, a new recovery code, the old ones retired', async ({
  page,
  harness,
}) => {
  test.setTimeout(120_000);
  await page.goto(harness.url);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('New passphrase').fill(STRONG_PASSPHRASE);
  await page.getByLabel('Type it again').fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Create my encrypted notebook' }).click();
  const firstCode = page.getByRole('list', { name: 'Your recovery code' });
  await expect(firstCode.getByRole('listitem')).toHaveCount(10);
  const oldGroups = await firstCode.locator('.recovery-group-digits').allTextContents();
  await page.getByLabel('I have written down my recovery code').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Finish' }).click();
  await page.getByRole('button', { name: 'Notebook', exact: true }).click();
  await writeNote(page, { title: 'Meeting with the lawyer', tags: 'legal', body: 'Bring the papers.' });

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByText(/Do this too if you think someone saw your passphrase/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Change passphrase…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change passphrase' });
  await dialog.getByLabel('Current passphrase').fill(STRONG_PASSPHRASE);
  await dialog.getByLabel('New passphrase').fill(STRONG_PASSPHRASE);
  await dialog.getByLabel('Type the new one again').fill(STRONG_PASSPHRASE);
  const before = recordNames(harness.dataDir);
  await dialog.getByRole('button', { name: 'Change passphrase' }).click();
  // New keys behind the passphrase that was seen would protect nothing: refused, nothing changed.
  // A rotation renames every record file; a draft or checklist record saved meanwhile may add one.
  await expect(dialog.getByRole('alert')).toContainText('already used to open this notebook');
  expect(recordNames(harness.dataDir)).toEqual(expect.arrayContaining(before));

  await dialog.getByLabel('New passphrase').fill(NEXT);
  await dialog.getByLabel('Type the new one again').fill(NEXT);
  await dialog.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(dialog.getByText(/Your old recovery code no longer works/)).toBeVisible();
  const newGroups = await dialog.locator('.recovery-group-digits').allTextContents();
  expect(newGroups).toHaveLength(10);
  expect(newGroups).not.toEqual(oldGroups);
  await expect(
    page.getByText('Passphrase changed. The old one no longer works.', { exact: true }),
  ).toBeVisible();
  await dialog.getByLabel('I have written down my recovery code').check();
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog).toHaveCount(0);
  // The person stays in: a rotation is not a lock.
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible();

  // Every record file was replaced by one under a new name (names are keyed by the master key); none lost.
  const after = recordNames(harness.dataDir);
  expect(after.length).toBeGreaterThanOrEqual(before.length);
  expect(after.filter((n) => before.includes(n))).toEqual([]);

  await lock(page);
  await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('That passphrase did not open Tikho');
  await unlock(page, NEXT);
  await page.getByRole('button', { name: 'Notebook', exact: true }).click();
  await expect(
    page.getByRole('list', { name: 'Your notes' }).getByRole('button', { name: /Meeting with the lawyer/ }),
  ).toBeVisible();
  await lock(page);
  await page.getByRole('button', { name: /use the recovery code/ }).click();
  const field = page.getByRole('textbox', { name: 'Recovery code' });
  await field.fill(oldGroups.join(' '));
  await field.press('Enter');
  await expect(page.getByRole('alert')).toContainText('That recovery code did not open Tikho');
  await field.fill(newGroups.join(' '));
  await field.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new passphrase' })).toBeVisible();
});
