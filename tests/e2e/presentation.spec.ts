import { idleLock } from './draftHelpers';
import { createVault, expect, test } from './fixtures';
import { unlock } from './notebookHelpers';

/**
 * Issue 16 §4: a workshop presentation is not cut off by the idle lock. The slides say why (they
 * hold no secrets), main's real idle check leaves the vault open while they are shown, and the
 * usual auto-lock is back once the trainer leaves them; focus returns to the button that opened
 * them (§9).
 */
test('the idle lock waits while the slides are shown and is back when they are gone', async ({
  page,
  harness,
}) => {
  test.setTimeout(90_000);
  await page.goto(harness.url);
  await createVault(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Checklist', exact: true }).click();
  await page.getByRole('radio', { name: /^Russia/ }).check();
  await page.getByRole('checkbox', { name: 'I run trainings' }).check();
  await page.getByRole('button', { name: 'Show my first steps' }).click();
  await page.getByRole('button', { name: 'Workshop mode' }).click();
  await page.getByRole('radio', { name: 'Running a workshop' }).check();
  const start = page.getByRole('button', { name: 'Start presentation' });
  await start.click();
  const slides = page.getByRole('dialog');
  await expect(slides.getByText(/show only the public checklist, nothing from your notebook/)).toBeVisible();

  // A trainer talks for a quarter of an hour without touching the laptop.
  expect(await harness.advanceIdle(15 * 60)).toBe('unlocked');
  await page.keyboard.press('ArrowRight');
  expect(await harness.advanceIdle(15 * 60)).toBe('unlocked');
  await expect(slides.getByText(/^1 of \d+$/)).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(slides).toHaveCount(0);
  await expect(start).toBeFocused();
  // The page's "slides gone" reaches main over its own socket; the next idle check after it locks.
  await expect.poll(() => harness.advanceIdle(6 * 60)).toBe('locked');
  await expect(page.getByText('Tikho locked itself because the computer was idle.')).toBeVisible();

  // The hold does not outlive the lock: after unlocking, the timer is the usual one.
  await unlock(page);
  await idleLock(page, harness);
});
