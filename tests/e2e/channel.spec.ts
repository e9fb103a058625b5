import type { Page } from '@playwright/test';
import { openDesk } from './deskHarness';
import { createVault, expect, test } from './fixtures';
import { lock, unlock } from './notebookHelpers';

/**
 * Issue 7, done-when: two harness instances (user and desk, separate data folders) in one
 * browser. The desk publishes its card, the user imports and confirms it, compares the safety
 * number with the desk's, and the two exchange messages by copy-paste; a replay is refused on
 * both sides with the translated message.
 */

const TEAM = 'Kovcheg Help Desk';

async function openChannel(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Secure channel', exact: true }).click();
}

async function paste(page: Page, armored: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Paste a message you received' }).fill(armored);
  await page.getByRole('button', { name: 'Decrypt' }).click();
}

async function safetyDigits(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: 'Safety number', exact: true }).click();
  const dialog = page.getByRole('dialog');
  const groups = dialog.getByRole('list', { name: 'Safety number' }).getByRole('listitem');
  await expect(groups).toHaveCount(12);
  return groups.allTextContents();
}

test('user and desk: card, safety number, messages both ways, replays refused', async ({
  page,
  harness,
  browser,
  offsiteRequests,
}) => {
  test.setTimeout(180_000);
  const desk = await openDesk(browser, offsiteRequests);
  const deskPage = desk.page;
  try {
    // The desk: set up the team, publish the card.
    await createVault(deskPage);
    await openChannel(deskPage);
    await deskPage.getByLabel('Team name').fill(TEAM);
    await expect(deskPage.getByLabel('Team id')).toHaveValue('kovcheg-help-desk');
    await deskPage.getByLabel('E-mail (optional)').fill('help@example.org');
    // Nothing is pre-ticked (issue 16 §11): the desk says what it handles.
    await deskPage.getByRole('checkbox', { name: 'Digital security incident' }).check();
    await deskPage.getByRole('button', { name: "Create the team's keys" }).click();
    await deskPage.getByRole('button', { name: 'Publish card' }).click();
    const cardBox = deskPage.getByRole('textbox', { name: "The team's card" });
    await expect(cardBox).toHaveValue(/BEGIN PGP SIGNED MESSAGE/);
    const card = await cardBox.inputValue();
    const fingerprintItems = deskPage
      .getByRole('list', { name: "The team's fingerprint" })
      .getByRole('listitem');
    await expect(fingerprintItems).toHaveCount(10);
    const deskFingerprint = await fingerprintItems.allTextContents();

    // The user: import the card, confirm the fingerprint, start the conversation.
    await page.goto(harness.url);
    await createVault(page);
    await openChannel(page);
    await page.getByRole('button', { name: "Add a team's card…" }).click();
    await page.getByRole('textbox', { name: "The team's card" }).fill(card);
    await page.getByRole('button', { name: 'Check and add' }).click();
    const confirm = page.getByRole('dialog', { name: `Is this really ${TEAM}?` });
    await expect(
      confirm.getByRole('list', { name: "The team's fingerprint" }).getByRole('listitem'),
    ).toHaveText(deskFingerprint);
    // Verifying is typing what the team published elsewhere (here: the desk's own screen); a
    // fingerprint one character off is refused and the team stays unverified (issue 16 §6).
    const published = confirm.getByRole('textbox', { name: 'The fingerprint the team published' });
    const wrong = deskFingerprint.join(' ').replace(/.$/, (last) => (last === '0' ? '1' : '0'));
    await published.fill(wrong);
    await confirm.getByRole('button', { name: 'Compare' }).click();
    await expect(confirm.getByRole('alert')).toContainText("does not match this card's fingerprint");
    await expect(confirm).toBeVisible();
    await published.fill(deskFingerprint.join(' ').toLowerCase());
    await published.press('Enter');
    await expect(confirm).toHaveCount(0);
    await page.getByRole('button', { name: 'Start a conversation' }).click();
    await expect(page.getByRole('heading', { name: TEAM, level: 2 })).toBeVisible();
    await expect(page.getByLabel('Keep history')).toHaveValue('7d');

    // The user's first message.
    await page.getByRole('textbox', { name: 'Your message' }).fill('Здравствуйте, мне нужна помощь.');
    await page.getByRole('button', { name: 'Encrypt' }).click();
    const outBox = page.getByRole('textbox', { name: 'Encrypted message' });
    await expect(outBox).toHaveValue(/^-----BEGIN MESSAGE-----\n/);
    const first = await outBox.inputValue();
    await expect(page.getByRole('button', { name: 'Copy' })).toBeVisible();

    // The desk reads it: a new conversation.
    await deskPage.getByRole('tab', { name: 'Conversations' }).click();
    await paste(deskPage, first);
    await expect(deskPage.getByRole('list', { name: 'Messages' })).toContainText(
      'Здравствуйте, мне нужна помощь.',
    );

    // Safety numbers: the same 60 digits on both sides; the user marks it verified.
    const deskDigits = await safetyDigits(deskPage);
    await deskPage.getByRole('button', { name: 'Close' }).click();
    const userDigits = await safetyDigits(page);
    expect(userDigits).toEqual(deskDigits);
    expect(userDigits.join('')).toMatch(/^[0-9]{60}$/);
    await page.getByRole('button', { name: 'The digits match — mark as verified' }).click();
    await expect(page.getByRole('dialog').getByRole('status')).toHaveText('Verified');
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(page.getByText('You have not compared the safety number')).toHaveCount(0);

    // The desk replies; the user reads the reply.
    await deskPage.getByRole('textbox', { name: 'Your message' }).fill('Мы на связи. Расскажите подробнее.');
    await deskPage.getByRole('button', { name: 'Encrypt' }).click();
    const replyBox = deskPage.getByRole('textbox', { name: 'Encrypted message' });
    await expect(replyBox).toHaveValue(/^-----BEGIN MESSAGE-----\n/);
    const reply = await replyBox.inputValue();
    await paste(page, reply);
    await expect(page.getByRole('list', { name: 'Messages' })).toContainText(
      'Мы на связи. Расскажите подробнее.',
    );

    // Replays are refused on both sides, with the translated message.
    await paste(page, reply);
    await expect(page.getByRole('alert')).toContainText('You already opened this message.');
    await paste(deskPage, first);
    await expect(deskPage.getByRole('alert')).toContainText('You already opened this message.');
    await expect(page.getByRole('list', { name: 'Messages' }).getByRole('listitem')).toHaveCount(2);

    // Coming back after a lock: the screen's first calls start the channel afresh and all of them
    // answer (no "Tikho is locked" beside a list that did load).
    await lock(page);
    await unlock(page);
    await openChannel(page);
    await expect(
      page.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: TEAM }),
    ).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
    await expect(page.getByText('Tikho is locked. Unlock it and try again.')).toHaveCount(0);
  } finally {
    await desk.close();
  }
});
