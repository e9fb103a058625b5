import { decrypt, readMessage, readPrivateKey } from 'openpgp';
import { parseRequestPlaintext } from '../../electron/services/pgp';
import { makeFixtureTeam } from '../fixtures/pgp/teamCards';
import { teamReply } from '../unit/services/pgp/helpers';
import { createVault, expect, test } from './fixtures';

/**
 * Issue 16 §7 as a person lives it: pasting one's own request where the reply goes is refused
 * with a message that says what it is; the same reply pasted twice is kept once; a wrong paste
 * can be taken out of the thread.
 */
test('own request pasted as a reply is named, a reply pasted twice is kept once, a paste can be removed', async ({
  page,
  harness,
}) => {
  test.setTimeout(120_000);
  const team = await makeFixtureTeam();
  await page.goto(harness.url);
  await createVault(page);
  await page.getByRole('button', { name: 'Contact support', exact: true }).click();
  await page.getByRole('tab', { name: 'Teams' }).click();
  await page.getByLabel("The team's card").fill(team.card);
  await page.getByRole('button', { name: 'Add this team' }).click();
  await expect(page.getByRole('article', { name: 'Example Support Desk' })).toBeVisible();

  await page.getByRole('tab', { name: 'Write a request' }).click();
  await page.getByRole('radio', { name: /Example Support Desk/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('radio', { name: /Something else/ }).check();
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByLabel('What happened', { exact: true }).fill('My phone was taken at the border.');
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByRole('switch', { name: 'Send anonymously' }).click();
  await page.getByRole('button', { name: 'Encrypt' }).click();
  const output = page.getByLabel('Encrypted request');
  await expect(output).toHaveValue(/-----BEGIN PGP MESSAGE-----/, { timeout: 30_000 });
  const ownRequest = await output.inputValue();

  await page.getByRole('button', { name: "Open this request's thread" }).click();
  const replyBox = page.getByLabel("The team's reply");
  const replies = page.getByRole('list', { name: 'Replies' });

  // 1. The request itself pasted back: named, nothing stored, the paste stays.
  await replyBox.fill(ownRequest);
  await page.getByRole('button', { name: 'Open the reply' }).click();
  await expect(page.getByRole('alert')).toContainText('This is your own request');
  await expect(replyBox).not.toHaveValue('');
  await expect(page.getByText('No replies yet')).toBeVisible();

  // The team answers to the one-time reply key inside the request, as its own tool would.
  const opened = await decrypt({
    message: await readMessage({ armoredMessage: ownRequest }),
    decryptionKeys: await readPrivateKey({ armoredKey: team.key.armoredSecret }),
    format: 'binary',
  });
  const replyKey = parseRequestPlaintext(opened.data).replyKey ?? '';
  const reply = await teamReply({
    text: 'We have your request.',
    to: [replyKey],
    signerSecret: team.key.armoredSecret,
  });

  // 2. The same reply pasted twice (the second time re-wrapped by a mail client): kept once.
  await replyBox.fill(reply);
  await page.getByRole('button', { name: 'Open the reply' }).click();
  await expect(replies.getByRole('listitem')).toHaveCount(1, { timeout: 30_000 });
  await replyBox.fill(reply.replace(/\n/g, '\r\n'));
  await page.getByRole('button', { name: 'Open the reply' }).click();
  await expect(page.getByText('This reply is already in this thread').first()).toBeVisible();
  await expect(replies.getByRole('listitem')).toHaveCount(1);

  // 3. A wrong paste can be removed, after a confirmation that says what is removed.
  await replies.getByRole('button', { name: 'Remove this reply…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Remove this reply from the thread?' });
  await expect(confirm).toContainText("the team's message itself is not affected");
  await confirm.getByRole('button', { name: 'Remove the reply' }).click();
  await expect(page.getByText('No replies yet')).toBeVisible();
  await expect(page.getByText('The reply was removed from this thread.').first()).toBeVisible();
});
