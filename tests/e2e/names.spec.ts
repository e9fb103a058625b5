import { makeFixtureTeam } from '../fixtures/pgp/teamCards';
import { createVault, expect, test } from './fixtures';

/**
 * Issue 18 §5 and 16 §6 in real Chromium: names from a card cannot hide characters or pass for
 * a team the person already keeps, and a team is verified only by typing the fingerprint it
 * published elsewhere.
 */
test('hostile team names are shown marked and warned about; verifying needs the published fingerprint', async ({
  page,
  harness,
}) => {
  test.setTimeout(120_000);
  const real = await makeFixtureTeam({ teamId: 'help-desk', teamName: 'Help Desk' });
  const lookalike = await makeFixtureTeam({ teamId: 'help-desk-2', teamName: 'Неlp Desk' });
  const bidi = await makeFixtureTeam({ teamId: 'bidi-team', teamName: 'Help\u202Eksed\u200B\u2066 Team' });
  await page.goto(harness.url);
  await createVault(page);
  await page.getByRole('button', { name: 'Contact support', exact: true }).click();
  await page.getByRole('tab', { name: 'Teams' }).click();
  const cardBox = page.getByLabel("The team's card");
  const add = async (card: string): Promise<void> => {
    await cardBox.fill(card);
    await page.getByRole('button', { name: 'Add this team' }).click();
    await expect(cardBox).toHaveValue('');
  };

  await add(real.card);
  await expect(page.locator('[data-warning="lookalike"]')).toHaveCount(0);

  // A card whose name is "Help Desk" spelt with Cyrillic Н and е: warned, and marked on its card.
  await add(lookalike.card);
  await expect(page.getByRole('alert')).toContainText('the name Неlp Desk looks like Help Desk');
  const fake = page.getByRole('article', { name: /^Неlp Desk/ });
  await expect(fake.getByRole('heading', { level: 3 })).toContainText('mixes letters of different alphabets');

  // Bidi controls and zero-width characters are visible marks, not a reordered "Help Team desk".
  await add(bidi.card);
  const marked = page.getByRole('article', { name: /^Help�ksed�� Team/ });
  await expect(marked.getByRole('heading', { level: 3 })).toContainText('contains hidden characters');
  const shown = await page.evaluate(() => document.body.innerText);
  for (const hidden of ['\u202E', '\u200B', '\u2066']) expect(shown).not.toContain(hidden);
  // The name is isolated: the badge beside it sits to its right, where it belongs.
  const nameBox = await marked.locator('bdi.external-name').boundingBox();
  const badgeBox = await marked.getByText('Not verified', { exact: true }).boundingBox();
  expect(nameBox && badgeBox && badgeBox.x > nameBox.x + nameBox.width - 1).toBe(true);

  // Verifying: there is no "it matches" button; a fingerprint one character off is refused.
  const team = page.getByRole('article', { name: /^Help Desk/ });
  await expect(team.getByRole('button', { name: /match/i })).toHaveCount(0);
  await expect(
    team.getByText(/The website on this card \(https:\/\/example\.org\/help\) comes from the card itself/),
  ).toBeVisible();
  const published = team.getByRole('textbox', { name: 'The fingerprint the team published' });
  const groups = real.key.fingerprint.match(/.{4}/g) ?? [];
  const wrong = `${groups.slice(0, 9).join(' ')} ${groups[9]?.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))}`;
  await published.fill(wrong);
  await team.getByRole('button', { name: 'Compare' }).click();
  await expect(team.getByRole('alert')).toContainText("does not match this card's fingerprint");
  await expect(team.getByText('Not verified', { exact: true })).toBeVisible();
  // A key id (its last 16 digits) is not the fingerprint either.
  await published.fill(real.key.fingerprint.slice(-16));
  await team.getByRole('button', { name: 'Compare' }).click();
  await expect(team.getByText('Not verified', { exact: true })).toBeVisible();
  // As copied from a website: lower case with colons.
  await published.fill(groups.join(':').toLowerCase());
  await published.press('Enter');
  await expect(team.getByText('Verified', { exact: true })).toBeVisible();
});
