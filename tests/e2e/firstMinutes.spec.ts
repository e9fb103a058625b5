import type { Page } from '@playwright/test';
import { createVault, expect, test } from './fixtures';
import { openDesk } from './deskHarness';
import { writeNote } from './notebookHelpers';

/** Issue 16 §11: small things people hit in their first minutes, each walked as a person would. */

test('Enter commits a tag; a tag filter closes a note it hides; the editor grows with its text', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  await writeNote(page, { title: 'Lawyer', tags: 'legal', body: 'Call on Monday.' });
  await writeNote(page, { title: 'Groceries', body: 'Milk.' });

  // Enter in the tag field commits the tag: tidied, saved, ready for the next one.
  const tags = page.getByLabel('Tags');
  await tags.fill('home ,  errands');
  await tags.press('Enter');
  await expect(tags).toHaveValue('home, errands, ');
  await expect(page.getByRole('status').filter({ hasText: 'Saved and encrypted' })).toBeVisible();
  const chips = page.getByRole('group', { name: 'Show only notes with a tag' });
  await expect(chips.getByRole('button', { name: 'errands' })).toBeVisible();

  // The editor grows with its text instead of scrolling inside a small box.
  const body = page.getByLabel('Text', { exact: true });
  const before = await body.evaluate((el) => el.getBoundingClientRect().height);
  await body.fill(Array.from({ length: 40 }, (_, i) => `Line ${i + 1}`).join('\n'));
  const sizes = await body.evaluate((el) => ({
    height: el.getBoundingClientRect().height,
    scroll: el.scrollHeight,
    client: el.clientHeight,
  }));
  expect(sizes.height).toBeGreaterThan(before);
  expect(sizes.scroll).toBeLessThanOrEqual(sizes.client + 1);

  // "Groceries" is open; the filter "legal" hides it, so it closes rather than stay open beside the list.
  await chips.getByRole('button', { name: 'legal' }).click();
  await expect(page.getByRole('article', { name: 'Note' })).toHaveCount(0);
  await expect(page.getByText('Choose a note on the left, or make a new one.')).toBeVisible();
  // What was typed was saved on the way out.
  await chips.getByRole('button', { name: 'legal' }).click();
  await page.getByRole('list', { name: 'Your notes' }).getByText('Groceries').click();
  await expect(page.getByLabel('Text', { exact: true })).toHaveValue(/Line 40/);
});

async function answerQuestions(page: Page, where: RegExp): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: 'Checklist', exact: true }).click();
  await page.getByRole('radio', { name: where }).check();
  await page.getByRole('checkbox', { name: 'Activist or volunteer' }).check();
  await page.getByRole('button', { name: 'Show my first steps' }).click();
  await expect(page.getByRole('heading', { name: /First steps for you/ })).toBeVisible();
}

test('first steps show a handful, not every essential; occupied Ukraine is not filed under Russia', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  await page.getByRole('navigation').getByRole('button', { name: 'Checklist', exact: true }).click();
  await expect(page.getByRole('radio', { name: /^Russia/ })).toHaveAccessibleName(
    /Russia within its internationally recognised borders/,
  );
  await expect(page.getByRole('radio', { name: /^Ukraine/ })).toHaveAccessibleName(
    /including the areas under Russian occupation/,
  );
  await answerQuestions(page, /^Ukraine/);
  const panel = page.getByRole('tabpanel', { name: 'By category' });
  await expect(panel.getByRole('article')).toHaveCount(7);
  await expect(panel).toContainText('Start with these. All essential steps for you:');
  // Ticking one keeps it in place and brings the next one in (and any already-done one before it).
  const first = panel.getByRole('article').first();
  const title = (await first.getByRole('heading').first().textContent()) ?? '';
  await first.getByRole('button', { name: 'Done', exact: true }).click();
  await expect.poll(() => panel.getByRole('article').count()).toBeGreaterThan(7);
  await expect(panel.getByRole('article', { name: title.trim(), exact: true })).toBeVisible();
  await panel.getByRole('button', { name: 'Show all' }).click();
  expect(await panel.getByRole('article').count()).toBeGreaterThan(8);
});

test('desk set-up ticks no category for the team', async ({ browser, offsiteRequests }) => {
  const desk = await openDesk(browser, offsiteRequests);
  try {
    await createVault(desk.page);
    await desk.page
      .getByRole('navigation')
      .getByRole('button', { name: 'Secure channel', exact: true })
      .click();
    const group = desk.page.getByRole('group', { name: 'What the team helps with' });
    await expect(group.getByRole('checkbox')).toHaveCount(7);
    for (const box of await group.getByRole('checkbox').all()) await expect(box).not.toBeChecked();
    await desk.page.getByLabel('Team name').fill('Kovcheg');
    await desk.page.getByRole('button', { name: "Create the team's keys" }).click();
    await expect(group).toContainText('Choose at least one.');
  } finally {
    await desk.close();
  }
});
