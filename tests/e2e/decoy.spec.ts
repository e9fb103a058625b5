import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { startHarness } from './harness';
import { expect, STRONG_PASSPHRASE, test } from './fixtures';

const DURESS = 'copper meadow whistle sleepy harbour violin';
const SECTIONS = ['Notebook', 'Contact support', 'Secure channel', 'Checklist', 'Panic & safety', 'Settings'];
/** The decoy's everyday notes as the duress set-up writes them (panic.json decoy.*), oldest first. */
const EVERYDAY_NOTES = [
  { title: 'Shopping list', body: 'Milk, bread, apples\nTea, washing powder.' },
  {
    title: 'Pancakes',
    body: '2 eggs, 500 ml milk, 200 g flour, a pinch of salt, a spoon of sugar.\nRest the batter for 20 minutes.',
  },
  { title: 'Books to read', body: 'Something by Chekhov.\nThe novel Anna recommended.' },
  { title: 'To do', body: 'Pay the electricity bill\nCall the dentist' },
];

/** First run as most people do it: with the recommended recovery code written down. */
async function firstRunWithRecoveryCode(page: Page, passphrase: string): Promise<void> {
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('New passphrase').fill(passphrase);
  await page.getByLabel('Type it again').fill(passphrase);
  await expect(page.getByLabel('Also make a recovery code (recommended)')).toBeChecked();
  await page.getByRole('button', { name: 'Create my encrypted notebook' }).click();
  await page.getByLabel('I have written down my recovery code').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible();
}

/** The checklist's two questions answered and its first step done, as a person does in week one. */
async function workThroughChecklist(page: Page): Promise<void> {
  await openSection(page, 'Checklist');
  await page.getByRole('radio', { name: /^Ukraine/ }).check();
  await page.getByRole('checkbox', { name: 'Activist or volunteer' }).check();
  await page.getByRole('button', { name: 'Show my first steps' }).click();
  const card = page.getByRole('article').first();
  await card.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(card.getByRole('button', { name: 'Done', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
}

async function openSection(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main sections' })
    .getByRole('button', { name, exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

async function lockAndUnlock(page: Page, passphrase: string): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible();
}

/**
 * What a person sees on every section. Clock times and the data folder path differ between any two
 * installs made a minute apart, so digits and the folder are masked; everything else must match.
 */
async function everyScreen(page: Page, dataDir: string): Promise<Record<string, string>> {
  const seen: Record<string, string> = {};
  for (const name of SECTIONS) {
    await openSection(page, name);
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(400);
    const text = await page.locator('#content').innerText();
    seen[name] = text.split(dataDir).join('<data folder>').replace(/\d+/g, '#');
  }
  return seen;
}

test('a decoy opened by the duress passphrase looks, on every screen, like a real notebook of the same age', async ({
  page,
  harness,
  browser,
}) => {
  test.setTimeout(120_000);
  // The person's real notebook: recovery code, checklist worked through, a real note.
  await page.goto(harness.url);
  await firstRunWithRecoveryCode(page, STRONG_PASSPHRASE);
  await workThroughChecklist(page);
  await page.evaluate(() =>
    window.tikho.notes.create({
      title: 'Contacts at the office',
      body: 'Olena +380…',
      tags: [],
      pinned: false,
    }),
  );
  await openSection(page, 'Panic & safety');
  await page.getByLabel('Your real passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByLabel('New duress passphrase', { exact: true }).fill(DURESS);
  await page.getByLabel('Type the duress passphrase again', { exact: true }).fill(DURESS);
  await expect(
    page.getByLabel('Also prepare a decoy notebook that opens with the duress passphrase'),
  ).toBeChecked();
  await page.getByRole('button', { name: 'Set duress passphrase' }).click();
  await expect(page.getByText('A duress passphrase is set.')).toBeVisible();
  // Preparing the decoy made it the end state: nobody has to find a second setting.
  await expect(page.getByRole('radio', { name: /Open the decoy notebook/ })).toBeChecked();

  // Someone forces the unlock: the duress passphrase on the normal lock screen.
  await lockAndUnlock(page, DURESS);
  const decoyScreens = await everyScreen(page, harness.dataDir);

  // A real notebook of the same age, set up the same way, holding the same everyday notes.
  const other = await startHarness({ lang: 'en' });
  const real = await browser.newPage();
  try {
    await real.goto(other.url);
    await firstRunWithRecoveryCode(real, DURESS);
    await workThroughChecklist(real);
    for (const note of EVERYDAY_NOTES)
      await real.evaluate((n) => window.tikho.notes.create({ ...n, tags: [], pinned: false }), note);
    await lockAndUnlock(real, DURESS);
    const realScreens = await everyScreen(real, other.dataDir);
    // Every differing screen at once, then the first difference in full.
    expect(SECTIONS.filter((name) => decoyScreens[name] !== realScreens[name])).toEqual([]);
    for (const name of SECTIONS)
      expect(decoyScreens[name], `the ${name} screen differs`).toBe(realScreens[name]);
  } finally {
    await real.close();
    await other.stop();
    fs.rmSync(other.dataDir, { recursive: true, force: true });
    fs.rmSync(other.downloadsDir, { recursive: true, force: true });
  }
});
