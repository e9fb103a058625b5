import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { openDesk } from './deskHarness';
import { createVault, expect, test } from './fixtures';

/**
 * Issue 13 §7, done-when: a desk (its own harness and data folder) makes a signed checklist
 * update; a person who verified that desk's team applies it, sees what changed, and a tampered,
 * older or unsigned copy is refused with the translated message and nothing changed.
 */

const TEAM = 'Kovcheg Help Desk';
const ROOT = path.resolve(import.meta.dirname, '../..');
const ITEM_ID = 'fnd-security-plan';

interface Item {
  id: string;
  title: { en: string; ru: string; uk: string };
}
function shippedItem(): Item & Record<string, unknown> {
  const file = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'resources/checklists/items/foundations.json'), 'utf8'),
  ) as { items: (Item & Record<string, unknown>)[] };
  const item = file.items.find((candidate) => candidate.id === ITEM_ID);
  if (!item) throw new Error('fixture item missing');
  return item;
}

function draftWithTitle(title: string): string {
  const item = shippedItem();
  return JSON.stringify({ items: [{ ...item, title: { ...item.title, en: title } }] }, null, 2);
}

async function openUpdates(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Checklist', exact: true }).click();
  await page.getByRole('radio', { name: /^Russia/ }).check();
  await page.getByRole('checkbox', { name: 'Activist or volunteer' }).check();
  await page.getByRole('button', { name: 'Show my first steps' }).click();
  await page.getByRole('tab', { name: 'Updates from your team' }).click();
}

async function makeUpdate(deskPage: Page, title: string): Promise<string> {
  await deskPage.getByRole('textbox', { name: 'Changes (JSON)' }).fill(draftWithTitle(title));
  await deskPage.getByRole('button', { name: 'Check and sign' }).click();
  const box = deskPage.getByRole('textbox', { name: 'Signed update', exact: true });
  await expect(box).toHaveValue(new RegExp(title));
  return box.inputValue();
}

async function check(page: Page, text: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Signed checklist update' }).fill(text);
  await page.getByRole('button', { name: 'Check the update' }).click();
}

test('desk makes a signed update; the person previews and applies it; tampered, older and unsigned copies are refused', async ({
  page,
  harness,
  browser,
  offsiteRequests,
}) => {
  test.setTimeout(180_000);
  const desk = await openDesk(browser, offsiteRequests);
  const deskPage = desk.page;
  try {
    // The desk sets up its team and publishes the card (as in channel.spec.ts).
    await createVault(deskPage);
    await deskPage.getByRole('button', { name: 'Secure channel', exact: true }).click();
    await deskPage.getByLabel('Team name').fill(TEAM);
    // Nothing is pre-ticked (issue 16 §11): the desk says what it handles.
    await deskPage.getByRole('checkbox', { name: 'Digital security incident' }).check();
    await deskPage.getByRole('button', { name: "Create the team's keys" }).click();
    await deskPage.getByRole('button', { name: 'Publish card' }).click();
    const cardBox = deskPage.getByRole('textbox', { name: "The team's card" });
    await expect(cardBox).toHaveValue(/BEGIN PGP SIGNED MESSAGE/);
    const card = await cardBox.inputValue();
    const deskFingerprint = await deskPage
      .getByRole('list', { name: "The team's fingerprint" })
      .getByRole('listitem')
      .allTextContents();

    // The person adds the card and types the fingerprint the team published: a verified team.
    await page.goto(harness.url);
    await createVault(page);
    await page.getByRole('button', { name: 'Secure channel', exact: true }).click();
    await page.getByRole('button', { name: "Add a team's card…" }).click();
    await page.getByRole('textbox', { name: "The team's card" }).fill(card);
    await page.getByRole('button', { name: 'Check and add' }).click();
    const confirm = page.getByRole('dialog', { name: `Is this really ${TEAM}?` });
    await confirm
      .getByRole('textbox', { name: 'The fingerprint the team published' })
      .fill(deskFingerprint.join(' '));
    await confirm.getByRole('button', { name: 'Compare' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // The desk makes two updates from edited JSON.
    await openUpdates(deskPage);
    const first = await makeUpdate(deskPage, 'Write a short plan, update 1');
    await expect(deskPage.getByRole('status').filter({ hasText: 'Update number 1 is signed' })).toBeVisible();
    const second = await makeUpdate(deskPage, 'Write a short plan, update 2');
    await expect(deskPage.getByRole('status').filter({ hasText: 'Update number 2 is signed' })).toBeVisible();

    // The person: unsigned (the JSON alone) is refused; nothing changes.
    await openUpdates(page);
    const original = shippedItem().title.en;
    await check(page, draftWithTitle('Unsigned title'));
    await expect(page.getByRole('alert')).toContainText('This update is not signed');
    await expect(page.getByText('No updates applied.')).toBeVisible();

    // A tampered copy of the newest update is refused.
    await check(page, second.replace('update 2', 'update 9'));
    await expect(page.getByRole('alert')).toContainText('does not match Kovcheg Help Desk’s verified key');
    await expect(page.getByText('No updates applied.')).toBeVisible();

    // The genuine one: preview first, nothing changed yet, then apply.
    await check(page, second);
    const preview = page.getByRole('region', { name: 'Checked update' });
    await expect(
      preview.getByRole('heading', { name: `Signed by ${TEAM}, a team you verified` }),
    ).toBeVisible();
    await expect(preview.getByRole('list', { name: '1 corrected item' })).toHaveText([
      'Write a short plan, update 2',
    ]);
    await expect(page.getByText('No updates applied.')).toBeVisible();
    await preview.getByRole('button', { name: 'Apply the update' }).click();
    await expect(page.getByRole('region', { name: 'What just changed' })).toContainText(
      'Write a short plan, update 2',
    );
    const applied = page.getByRole('list', { name: 'Applied updates' });
    await expect(applied).toContainText(`${TEAM} update number 2`);

    // The older update is refused; the applied one stays.
    await check(page, first);
    await expect(page.getByRole('alert')).toContainText(
      'This is an older update (number 1) than the one you have (number 2)',
    );
    await expect(applied.getByRole('listitem')).toHaveCount(1);
    await expect(applied).toContainText('update number 2');

    // The checklist itself shows the corrected item.
    await page.getByRole('tab', { name: 'By category' }).click();
    await expect(page.getByRole('article', { name: 'Write a short plan, update 2' })).toBeVisible();
    await expect(page.getByRole('article', { name: original })).toHaveCount(0);

    // Removing the update brings the shipped text back.
    await page.getByRole('tab', { name: 'Updates from your team' }).click();
    await page.getByRole('button', { name: `Remove the update from ${TEAM}` }).click();
    await page.getByRole('alertdialog').getByRole('button', { name: 'Remove the update' }).click();
    await expect(page.getByText('No updates applied.')).toBeVisible();
    await page.getByRole('tab', { name: 'By category' }).click();
    await expect(page.getByRole('article', { name: original })).toBeVisible();
  } finally {
    await desk.close();
  }
});
