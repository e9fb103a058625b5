import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ChecklistItem } from '../../shared/checklist/schema';
import { CATEGORIES } from '../../shared/checklist/schema';
import { createVault, expect, STRONG_PASSPHRASE, test } from './fixtures';

const ITEMS_DIR = path.resolve(import.meta.dirname, '../../resources/checklists/items');

function allItems(): ChecklistItem[] {
  return CATEGORIES.flatMap(
    (category) =>
      (
        JSON.parse(fs.readFileSync(path.join(ITEMS_DIR, `${category}.json`), 'utf8')) as {
          items: ChecklistItem[];
        }
      ).items,
  );
}

/** What "first steps" must show for Ukraine + activist: essential, scoped UA or ALL, for activists. */
function firstStepsUaActivist(): ChecklistItem[] {
  return allItems().filter(
    (item) =>
      item.priority === 'essential' &&
      (item.scope.includes('UA') || item.scope.includes('ALL')) &&
      item.roles.includes('activist') &&
      item.live === undefined,
  );
}

async function openChecklist(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: label, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: label })).toBeVisible();
}

test('Ukraine + activist: first steps, progress kept across lock and language, Russian handout PDF', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  await openChecklist(page, 'Checklist');

  // The two first-use questions.
  await page.getByRole('radio', { name: /^Ukraine/ }).check();
  await page.getByRole('checkbox', { name: 'Activist or volunteer' }).check();
  await page.getByRole('button', { name: 'Show my first steps' }).click();
  await expect(page.getByRole('heading', { name: /First steps for you/ })).toBeVisible();

  // Essential UA items are shown, and nothing that is only for Russia.
  const expected = firstStepsUaActivist();
  expect(expected.length).toBeGreaterThan(5);
  // First steps open on a handful (issue 16 §11, firstMinutes.spec.ts); "Show all" lists every essential.
  await page.getByRole('tabpanel', { name: 'By category' }).getByRole('button', { name: 'Show all' }).click();
  for (const item of expected.slice(0, 8))
    await expect(page.getByRole('article', { name: item.title.en })).toBeVisible();
  // Each item says how old its facts are and when they were checked (issue 13 §2); one that nobody
  // re-checked in time says "may be outdated".
  const isoToday = new Date().toISOString().slice(0, 10);
  const dated = expected.slice(0, 8).find((item) => item.facts.length > 0);
  if (dated) {
    const card = page.getByRole('article', { name: dated.title.en });
    await expect(card.getByText(/^Facts as of .+ · $/)).toBeVisible();
    await expect(card.getByText(/Checked /)).toBeVisible();
    await expect(card.getByText(/May be outdated/)).toHaveCount(dated.review_by < isoToday ? 1 : 0);
  }
  const ruOnly = allItems().find((item) => item.scope.length === 1 && item.scope[0] === 'RU');
  if (ruOnly) await expect(page.getByRole('article', { name: ruOnly.title.en })).toHaveCount(0);
  const panel = page.getByRole('tabpanel', { name: 'By category' });
  await expect(panel.getByRole('article')).toHaveCount(
    allItems().filter(
      (item) =>
        item.priority === 'essential' &&
        (item.scope.includes('UA') || item.scope.includes('ALL')) &&
        item.roles.includes('activist'),
    ).length,
  );

  // Mark two done.
  const [first, second] = expected;
  if (!first || !second) throw new Error('content has fewer than two first steps');
  for (const item of [first, second]) {
    const card = page.getByRole('article', { name: item.title.en });
    await card.getByRole('button', { name: 'Done', exact: true }).click();
    await expect(card.getByRole('button', { name: 'Done', exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  }

  // Lock and unlock: the progress comes back from the vault.
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await openChecklist(page, 'Checklist');
  for (const item of [first, second])
    await expect(
      page.getByRole('article', { name: item.title.en }).getByRole('button', { name: 'Done', exact: true }),
    ).toHaveAttribute('aria-pressed', 'true');
  const third = expected[2];
  if (third)
    await expect(
      page.getByRole('article', { name: third.title.en }).getByRole('button', { name: 'To do', exact: true }),
    ).toHaveAttribute('aria-pressed', 'true');

  // Switch to Russian in Settings: same progress, Russian text.
  await openChecklist(page, 'Settings');
  await page.getByRole('radio', { name: 'Русский' }).click();
  await expect(page.getByRole('radio', { name: 'Русский' })).toBeChecked();
  await openChecklist(page, 'Чек-лист');
  await expect(page.getByRole('heading', { name: /Первые шаги для вас/ })).toBeVisible();
  for (const item of [first, second])
    await expect(
      page.getByRole('article', { name: item.title.ru }).getByRole('button', { name: 'Готово', exact: true }),
    ).toHaveAttribute('aria-pressed', 'true');

  // Workshop mode: a Russian handout for "Before a protest", printed to PDF and read back.
  await page.getByRole('button', { name: 'Режим тренинга' }).click();
  await page.getByRole('radio', { name: 'Перед протестом' }).check();
  await page.getByRole('radio', { name: 'Для людей в России' }).check();
  await page.getByRole('button', { name: 'Подготовить памятку' }).click();
  const sheet = page.getByRole('region', { name: 'Предпросмотр памятки' });
  // A sheet that may be found on someone is neutral by default: no topic in its title, no app name.
  const neutral = sheet.getByRole('checkbox', { name: /^Нейтральный лист/ });
  await expect(neutral).toBeChecked();
  await expect(sheet.getByRole('heading', { level: 1, name: 'Памятка' })).toBeVisible();
  const neutralPdf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-handout-')), 'neutral.pdf');
  await page.pdf({ path: neutralPdf, format: 'A4' });
  const neutralText = execFileSync('pdftotext', ['-enc', 'UTF-8', neutralPdf, '-'], { encoding: 'utf8' });
  fs.rmSync(path.dirname(neutralPdf), { recursive: true, force: true });
  expect(neutralText).not.toMatch(
    /[^.!?\s]\s+Тихо|«Тихо»|Tikho|Перед протестом|Памятка по цифровой|Подробности, источники/,
  );
  expect(neutralText).toContain('Не пишите на этом листе');
  await neutral.uncheck();
  await expect(sheet.getByRole('heading', { level: 1, name: 'Перед протестом' })).toBeVisible();
  const today = await page.evaluate(() =>
    new Intl.DateTimeFormat('ru', { dateStyle: 'long' }).format(new Date()),
  );

  const pdfPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-handout-')), 'handout.pdf');
  await page.pdf({ path: pdfPath, format: 'A4' });
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }).replace(
    /\s+/g,
    ' ',
  );
  fs.rmSync(path.dirname(pdfPath), { recursive: true, force: true });
  expect(text).toContain('Перед протестом');
  expect(text).toContain(today.replace(/\s+/g, ' '));
  // Only the sheet is printed: no app chrome, no progress, no toolbar.
  expect(text).not.toContain('Ваш прогресс');
  expect(text).not.toContain('Печать / Сохранить в PDF');
  // L-6: items whose action carries legal risk are left out of paper, and the sheet says so.
  const withLegalNote = allItems().filter(
    (item) =>
      item.scenarios.includes('protest') &&
      item.legal_note !== undefined &&
      (item.scope.includes('RU') || item.scope.includes('ALL')),
  );
  for (const item of withLegalNote) expect(text).not.toContain(item.title.ru.replace(/\s+/g, ' '));
  expect(text).toContain('в приложении');
});

test('presentation view moves with the keyboard and shows no progress', async ({ page, harness }) => {
  await page.goto(harness.url);
  await createVault(page);
  await openChecklist(page, 'Checklist');
  await page.getByRole('radio', { name: /^Russia/ }).check();
  await page.getByRole('checkbox', { name: 'I run trainings' }).check();
  await page.getByRole('button', { name: 'Show my first steps' }).click();
  await page.getByRole('button', { name: 'Workshop mode' }).click();
  await page.getByRole('radio', { name: 'Running a workshop' }).check();
  await page.getByRole('button', { name: 'Start presentation' }).click();
  const slides = page.getByRole('dialog');
  await expect(slides.getByRole('heading', { name: 'Running a workshop' })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(slides.getByText(/^1 of \d+$/)).toBeVisible();
  await expect(slides.getByRole('button', { name: 'Done', exact: true })).toHaveCount(0);
  await page.keyboard.press('ArrowLeft');
  await expect(slides.getByRole('heading', { name: 'Running a workshop' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(slides).toHaveCount(0);
  // The harness cannot relaunch into another profile, so the button is not offered.
  await expect(page.getByRole('button', { name: 'Open practice profile' })).toHaveCount(0);
});

test('incident questions lead to items; wipe progress clears ticks', async ({ page, harness }) => {
  await page.goto(harness.url);
  await createVault(page);
  await openChecklist(page, 'Checklist');
  await page.getByRole('radio', { name: /^In exile/ }).check();
  await page.getByRole('checkbox', { name: 'Journalist or blogger' }).check();
  await page.getByRole('button', { name: 'Show my first steps' }).click();

  const firstCard = page.getByRole('tabpanel', { name: 'By category' }).getByRole('article').first();
  await firstCard.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(firstCard.getByRole('button', { name: 'Done', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await page.getByRole('button', { name: 'Wipe progress' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Wipe progress' }).click();
  await expect(firstCard.getByRole('button', { name: 'To do', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  await page.getByRole('tab', { name: 'If something happened' }).click();
  await page.getByRole('button', { name: /My phone or laptop was seized/ }).click();
  const panel = page.getByRole('tabpanel', { name: 'If something happened' });
  // Answer until the guide shows its result.
  for (let i = 0; i < 6; i += 1) {
    const result = panel.getByRole('heading', { name: /^Do (this|these) first/ });
    if (await result.isVisible()) break;
    await panel.getByRole('group').first().getByRole('button').first().click();
  }
  await expect(panel.getByRole('heading', { name: /^Do (this|these) first/ })).toBeVisible();
  expect(await panel.getByRole('article').count()).toBeGreaterThan(0);
});
