import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { TikhoApi } from '../../shared/ipc/contract';
import { createVault, expect, STRONG_PASSPHRASE, test } from './fixtures';
import { lock, unlock, writeNote } from './notebookHelpers';

/**
 * Issue 18 §3, as the person sees it: an older manifest.bin put back is told at unlock with what
 * cannot be known; Lock keeps the question, Continue answers it. A deleted manifest.bin opens
 * with a notice that it was rebuilt, counting the person's saved items only.
 */

declare global {
  interface Window {
    readonly tikho: TikhoApi;
  }
}

/** Unlock without waiting for the navigation: the notice dialog hides the shell from the a11y tree. */
async function submitPassphrase(page: Page): Promise<void> {
  await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

test('an older manifest put back is told at unlock; Lock keeps asking, Continue answers', async ({
  page,
  harness,
}) => {
  const manifest = path.join(harness.dataDir, 'vault', 'manifest.bin');
  await page.goto(harness.url);
  await createVault(page);
  await lock(page);
  const older = fs.readFileSync(manifest);
  await unlock(page);
  await writeNote(page, { title: 'Written after the copy', body: 'new' });
  await lock(page);
  fs.writeFileSync(manifest, older);

  await submitPassphrase(page);
  const dialog = page.getByRole('alertdialog', {
    name: "An older copy of the notebook's index was put back",
  });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('notes deleted since that older copy may be back');
  await expect(dialog).toContainText("found in the notebook's files and listed again");
  await dialog.getByRole('button', { name: 'Lock and check first' }).click();
  await expect(page.getByRole('heading', { name: 'Tikho is locked' })).toBeVisible();

  await submitPassphrase(page);
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'I understand, continue' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByText('Written after the copy').first()).toBeVisible();
  await lock(page);
  await unlock(page);
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
});

test('a deleted manifest is rebuilt and the person is told what cannot be known', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  await writeNote(page, { title: 'Survives the rebuild', body: 'kept' });
  await lock(page);
  fs.rmSync(path.join(harness.dataDir, 'vault', 'manifest.bin'));
  await submitPassphrase(page);
  const dialog = page.getByRole('alertdialog', { name: "The notebook's index was rebuilt" });
  await expect(dialog).toContainText('The file that lists your notes was missing');
  await expect(dialog).toContainText('which notes were deleted before');
  await dialog.getByRole('button', { name: 'I understand, continue' }).click();
  await expect(page.getByText('Survives the rebuild').first()).toBeVisible();
});

test('a rebuilt index counts the person’s notes, not the drafts and checklist progress beside them', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  await writeNote(page, { title: 'First of two', body: 'one' });
  await writeNote(page, { title: 'Second of two', body: 'two' });
  // Internal records a person never calls "saved items": checklist answers and a tick, a draft.
  await page.getByRole('navigation').getByRole('button', { name: 'Checklist', exact: true }).click();
  await page.getByRole('radio', { name: /^In exile/ }).check();
  await page.getByRole('checkbox', { name: 'Journalist or blogger' }).check();
  await page.getByRole('button', { name: 'Show my first steps' }).click();
  const card = page.getByRole('tabpanel', { name: 'By category' }).getByRole('article').first();
  await card.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(card.getByRole('button', { name: 'Done', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const saved = await page.evaluate(() =>
    window.tikho.drafts.save({ kind: 'place', draft: { section: 'checklist' } }),
  );
  expect(saved.ok).toBe(true);
  await lock(page);
  fs.rmSync(path.join(harness.dataDir, 'vault', 'manifest.bin'));

  await submitPassphrase(page);
  const dialog = page.getByRole('alertdialog', { name: "The notebook's index was rebuilt" });
  await expect(dialog).toContainText("2 saved items were found in the notebook's files and listed again.");
  await dialog.getByRole('button', { name: 'I understand, continue' }).click();
  // The place draft brings the person back to the checklist; the notes are in the notebook.
  await page.getByRole('navigation').getByRole('button', { name: 'Notebook', exact: true }).click();
  await expect(page.getByText('Second of two').first()).toBeVisible();
});
