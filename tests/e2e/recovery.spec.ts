import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { createVault, expect, STRONG_PASSPHRASE, test } from './fixtures';
import { writeNote } from './notebookHelpers';

/** Issue 16 §5 and §9: the recovery code people type, what follows a recovery, and a code made later. */
const NEXT = 'pebble tundra orchestra mellow signal cactus';

test.use({ viewport: { width: 1024, height: 700 } });

/** First run with the recommended recovery code; returns its ten groups as shown. */
async function firstRunWithCode(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('New passphrase').fill(STRONG_PASSPHRASE);
  await page.getByLabel('Type it again').fill(STRONG_PASSPHRASE);
  await expect(page.getByLabel('Also make a recovery code (recommended)')).toBeChecked();
  await page.getByRole('button', { name: 'Create my encrypted notebook' }).click();
  const list = page.getByRole('list', { name: 'Your recovery code' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  return list.locator('.recovery-group-digits').allTextContents();
}

async function finishFirstRun(page: Page): Promise<void> {
  await page.getByLabel('I have written down my recovery code').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Finish' }).click();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible();
}

/** One digit of group `n` (1-based) changed, as a tired person misreads a 3 for an 8. */
function withTypo(groups: string[], n: number): string {
  return groups
    .map((g, i) => (i === n - 1 ? `${g.slice(0, 1)}${(Number(g[1]) + 5) % 10}${g.slice(2)}` : g))
    .join(' ');
}

async function openRecoveryField(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByRole('button', { name: /use the recovery code/ }).click();
  await expect(page.getByRole('textbox', { name: 'Recovery code' })).toBeFocused();
}

/** What main answers the page itself, bypassing every screen: the renderer is not trusted. */
async function notesListCode(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const result = await window.tikho.notes.list({});
    return result.ok ? 'ok' : result.error.code;
  });
}

test('a mistyped group is pointed at; after opening with the code a new passphrase comes before the notebook', async ({
  page,
  harness,
}, testInfo) => {
  await page.goto(harness.url);
  const groups = await firstRunWithCode(page);
  await finishFirstRun(page);
  await page.getByRole('button', { name: 'Notebook', exact: true }).click();
  await writeNote(page, { title: 'Where we meet', body: 'Behind the library' });
  await openRecoveryField(page);

  const field = page.getByRole('textbox', { name: 'Recovery code' });
  await field.fill(withTypo(groups, 4));
  await field.press('Enter');
  await expect(page.getByRole('alert')).toHaveText(
    'Group 4 looks mistyped. Check its five digits against your paper. Nothing was changed.',
  );
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  // Nothing typed is lost: the person fixes one group, not all fifty digits.
  await expect(field).toHaveValue(withTypo(groups, 4));
  await page.screenshot({ path: path.join(testInfo.outputDir, 'en-recovery-mistyped.png') });

  await field.fill(groups.join('-'));
  await field.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new passphrase' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toHaveCount(0);
  expect(await notesListCode(page)).toBe('vault/new-passphrase-required');
  await page.screenshot({ path: path.join(testInfo.outputDir, 'en-recovery-new-passphrase.png') });

  await page.getByLabel('New passphrase', { exact: true }).fill(NEXT);
  await page.getByLabel('Type it again').fill(NEXT);
  await expect(page.getByText('Strength: Strong')).toBeVisible();
  await page.getByRole('button', { name: 'Save and open my notes' }).click();
  // The new passphrase came with new keys: the used code is replaced, and the new one shown once.
  await expect(page.getByRole('heading', { level: 1, name: 'Your recovery code' })).toBeFocused();
  await expect(page.getByText(/The recovery code you used no longer works/)).toBeVisible();
  const fresh = await page.locator('.recovery-group-digits').allTextContents();
  expect(fresh).toHaveLength(10);
  expect(fresh).not.toEqual(groups);
  await page.getByLabel('I have written down my recovery code').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible();
  await expect(
    page.getByText('New passphrase saved. The old one no longer works.', { exact: true }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Notebook', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Your notes' })).toContainText('Where we meet');
  expect(await notesListCode(page)).toBe('ok');

  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('That passphrase did not open Tikho');
  await page.getByRole('button', { name: /use the recovery code/ }).click();
  await page.getByRole('textbox', { name: 'Recovery code' }).fill(groups.join(' '));
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('That recovery code did not open Tikho');
  await page.getByRole('button', { name: 'Back to the passphrase' }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(NEXT);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible();
});

test('a skipped code is made later: the checklist item leads to Settings, which asks for the passphrase', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  await page.getByRole('button', { name: 'Checklist', exact: true }).click();
  await page.getByRole('radio', { name: /^Ukraine/ }).check();
  await page.getByRole('checkbox', { name: 'Activist or volunteer' }).check();
  await page.getByRole('button', { name: 'Show my first steps' }).click();
  const item = page.getByRole('article', { name: 'Create a Tikho recovery code and keep it offline' });
  await item.getByRole('button', { name: 'Make a recovery code in Settings' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.locator('#recovery-code')).toBeFocused();
  const card = page.locator('#recovery-code');
  await expect(card).toContainText('This notebook has no recovery code.');
  await card.getByRole('button', { name: 'Make a recovery code…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Make a recovery code' });
  await dialog.getByLabel('Your passphrase').fill('not my passphrase at all');
  await dialog.getByRole('button', { name: 'Make the code' }).click();
  await expect(dialog.getByRole('alert')).toContainText('That passphrase did not open Tikho');
  await dialog.getByLabel('Your passphrase').fill(STRONG_PASSPHRASE);
  await dialog.getByRole('button', { name: 'Make the code' }).click();
  const shown = dialog.getByRole('list', { name: 'Your recovery code' });
  await expect(shown.getByRole('listitem')).toHaveCount(10);
  const groups = await shown.locator('.recovery-group-digits').allTextContents();
  await dialog.getByLabel('I have written down my recovery code').check();
  await dialog.getByRole('button', { name: 'Continue' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(card).toContainText('A recovery code exists for this notebook.');
  await expect(card.getByRole('button', { name: 'Make a new recovery code…' })).toBeFocused();

  // The checklist now finds it done by itself, and no longer offers the way there.
  await page.getByRole('button', { name: 'Checklist', exact: true }).click();
  await expect(item.getByText('Tikho checked this', { exact: true })).toBeVisible();
  await expect(item.getByRole('button', { name: 'Make a recovery code in Settings' })).toHaveCount(0);

  await openRecoveryField(page);
  await page.getByRole('textbox', { name: 'Recovery code' }).fill(groups.join(''));
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Choose a new passphrase' })).toBeVisible();
});

test('the printed code fits one page of A4 and one of Letter, and holds the groups and nothing else', async ({
  page,
  harness,
}, testInfo) => {
  await page.goto(harness.url);
  const groups = await firstRunWithCode(page);
  await page.emulateMedia({ media: 'print' });
  for (const format of ['A4', 'Letter'] as const) {
    const pdf = path.join(testInfo.outputDir, `recovery-${format}.pdf`);
    fs.mkdirSync(testInfo.outputDir, { recursive: true });
    await page.pdf({ path: pdf, format, preferCSSPageSize: false });
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(/^Pages:\s+(\d+)$/mu.exec(info)?.[1], `${format} pages`).toBe('1');
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    const words = text.split(/\s+/u).filter((w) => w.length > 0);
    // Group numbers 1–10 and the groups, in order; no app name, no button, no explanation.
    expect(words.filter((w) => w.length === 5)).toEqual(groups);
    expect(words.filter((w) => w.length !== 5)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    execFileSync('pdftoppm', ['-png', '-r', '50', pdf, pdf.replace(/\.pdf$/u, '')]);
  }
});
