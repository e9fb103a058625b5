import type { Page } from '@playwright/test';
import { makeFixtureTeam } from '../fixtures/pgp/teamCards';
import { openDesk } from './deskHarness';
import { browserStorageIsEmpty, filesHolding, idleLock } from './draftHelpers';
import { createVault, expect, test } from './fixtures';
import { unlock } from './notebookHelpers';

/**
 * Issue 16 §4: no written work is lost to an auto-lock. For each kind of unsent text the person
 * types, main's real idle check locks the vault; after the unlock the text is back on the screen
 * the person was on, and neither the data folder nor the browser's storage ever held it in clear.
 */

const current = (page: Page, name: string) =>
  expect(page.getByRole('button', { name, exact: true })).toHaveAttribute('aria-current', 'page');

test('a half-written note: open again after an idle lock, on the notebook', async ({ page, harness }) => {
  test.setTimeout(90_000);
  const body = 'Встреча у Марины в четверг, недописано: взять';
  await page.goto(harness.url);
  await createVault(page);
  await page.getByRole('button', { name: 'New note' }).first().click();
  await expect(page.getByLabel('Title')).toBeFocused();
  await page.getByLabel('Title').fill('Четверг');
  await page.getByLabel('Text', { exact: true }).fill(body);
  await expect(page.getByRole('status').filter({ hasText: 'Saved and encrypted' })).toBeVisible();
  await browserStorageIsEmpty(page);

  await idleLock(page, harness);
  expect(filesHolding(harness, body)).toEqual([]);
  expect(filesHolding(harness, 'Четверг')).toEqual([]);
  await unlock(page);

  await current(page, 'Notebook');
  await expect(page.getByLabel('Title')).toHaveValue('Четверг');
  await expect(page.getByLabel('Text', { exact: true })).toHaveValue(body);
});

test('a half-written support request: back on its form, every field as typed', async ({ page, harness }) => {
  test.setTimeout(120_000);
  const team = await makeFixtureTeam();
  const whatHappened = 'They took my passport at the border post near Narva, and';
  await page.goto(harness.url);
  await createVault(page);
  await page.getByRole('button', { name: 'Contact support', exact: true }).click();
  await page.getByRole('tab', { name: 'Teams' }).click();
  await page.getByLabel("The team's card").fill(team.card);
  await page.getByRole('button', { name: 'Add this team' }).click();
  await page.getByRole('tab', { name: 'Write a request' }).click();
  await page.getByRole('radio', { name: /Example Support Desk/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('radio', { name: /Labour dispute/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('What happened', { exact: true }).fill(whatHappened);
  await page.getByLabel(/^Where/).fill('Narva');
  await expect(page.getByRole('status').filter({ hasText: 'Draft saved and encrypted' })).toBeVisible();

  await idleLock(page, harness);
  expect(filesHolding(harness, whatHappened)).toEqual([]);
  await unlock(page);

  await current(page, 'Contact support');
  await expect(page.getByRole('heading', { level: 2, name: 'Tell the team what happened' })).toBeVisible();
  await expect(page.getByLabel('What happened', { exact: true })).toHaveValue(whatHappened);
  await expect(page.getByLabel(/^Where/)).toHaveValue('Narva');
  await browserStorageIsEmpty(page);
});

test('a half-typed channel reply: its thread opens with the text; sending drops the draft', async ({
  page,
  harness,
  browser,
  offsiteRequests,
}) => {
  test.setTimeout(180_000);
  const desk = await openDesk(browser, offsiteRequests);
  try {
    await createVault(desk.page);
    await desk.page.getByRole('button', { name: 'Secure channel', exact: true }).click();
    await desk.page.getByLabel('Team name').fill('Kovcheg Help Desk');
    // Nothing is pre-ticked: the desk says what it handles.
    await desk.page.getByRole('checkbox', { name: 'Digital security incident' }).check();
    await desk.page.getByRole('button', { name: "Create the team's keys" }).click();
    await desk.page.getByRole('button', { name: 'Publish card' }).click();
    const cardBox = desk.page.getByRole('textbox', { name: "The team's card" });
    await expect(cardBox).toHaveValue(/BEGIN PGP SIGNED MESSAGE/);
    const fingerprint = await desk.page
      .getByRole('list', { name: "The team's fingerprint" })
      .getByRole('listitem')
      .allTextContents();

    await page.goto(harness.url);
    await createVault(page);
    await page.getByRole('button', { name: 'Secure channel', exact: true }).click();
    await page.getByRole('button', { name: "Add a team's card…" }).click();
    await page.getByRole('textbox', { name: "The team's card" }).fill(await cardBox.inputValue());
    await page.getByRole('button', { name: 'Check and add' }).click();
    await page
      .getByRole('textbox', { name: 'The fingerprint the team published' })
      .fill(fingerprint.join(' '));
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('button', { name: 'Start a conversation' }).click();
    await expect(page.getByRole('heading', { name: 'Kovcheg Help Desk', level: 2 })).toBeVisible();

    const reply = 'Мне нужен юрист в Тбилиси, лучше до пятницы, потому что';
    // Elsewhere first, then back: the place kept is the last screen, not the first.
    await page.getByRole('button', { name: 'Checklist', exact: true }).click();
    await page.getByRole('button', { name: 'Secure channel', exact: true }).click();
    await page.getByRole('textbox', { name: 'Your message' }).fill(reply);
    await expect(page.getByRole('status').filter({ hasText: 'Draft saved and encrypted' })).toBeVisible();

    await idleLock(page, harness);
    expect(filesHolding(harness, reply)).toEqual([]);
    await unlock(page);

    await current(page, 'Secure channel');
    await expect(page.getByRole('heading', { name: 'Kovcheg Help Desk', level: 2 })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Your message' })).toHaveValue(reply);
    await browserStorageIsEmpty(page);

    // Sent is done with: after the next lock the box is empty.
    await page.getByRole('button', { name: 'Encrypt' }).click();
    await expect(page.getByRole('textbox', { name: 'Encrypted message' })).toHaveValue(/BEGIN MESSAGE/);
    await expect(page.getByRole('textbox', { name: 'Your message' })).toHaveValue('');
    await idleLock(page, harness);
    await unlock(page);
    await current(page, 'Secure channel');
    await expect(page.getByRole('heading', { name: 'Kovcheg Help Desk', level: 2 })).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Your message' })).toHaveValue('');
  } finally {
    await desk.close();
  }
});
