import { createVault, expect, test } from './fixtures';
import { writeNote } from './notebookHelpers';

/**
 * Issue 16 §9: after a dialog closes, focus is back on the button that opened it, whether the
 * dialog was left with Cancel, with Esc, or its action ran and the opener is still there.
 */
test('focus goes back to the opener after Cancel and after Esc', async ({ page, harness }) => {
  await page.goto(harness.url);
  await createVault(page);
  await writeNote(page, { title: 'Focus', body: 'A note to not delete.' });
  const opener = page.getByRole('button', { name: 'Delete note…' });
  await opener.click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();

  await opener.press('Enter');
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
});
