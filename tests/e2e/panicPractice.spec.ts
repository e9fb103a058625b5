import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { TikhoApi } from '../../shared/ipc/contract';
import { HEADER_FILE } from '../../electron/services/vault/formatConstants';
import { createVault, expect, STRONG_PASSPHRASE, test } from './fixtures';
import { startHarness } from './harness';

/**
 * Issue 16 §3: the drill practises the actual triggers — the person's own shortcut, their duress
 * passphrase at a practice lock screen, the button with its confirmation and countdown — each
 * on a disposable copy, and the real notebook is still there afterwards.
 */

const DURESS = 'copper meadow whistle sleepy harbour violin';

declare global {
  interface Window {
    readonly tikho: TikhoApi;
  }
}

async function writeMarkedNote(page: Page): Promise<string> {
  const marker = `TIKHO-PRACTICE-MARKER-${Date.now()}`;
  const ok = await page.evaluate(
    async (body) => (await window.tikho.notes.create({ title: 'Office', body, tags: [], pinned: false })).ok,
    marker,
  );
  expect(ok).toBe(true);
  return marker;
}

async function noteBodies(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const list = await window.tikho.notes.list({});
    if (!list.ok) return `error:${list.error.code}`;
    const got = await Promise.all(list.value.notes.map((n) => window.tikho.notes.get({ id: n.id })));
    return got.map((g) => (g.ok ? g.value.note.body : '')).join('\n');
  });
}

async function openPanic(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main sections' })
    .getByRole('button', { name: 'Panic & safety' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Panic & safety' })).toBeVisible();
}

/** After a practice: the real notebook is still open with its note, and still opens after a lock. */
async function expectRealNotebookIntact(page: Page, dataDir: string, marker: string): Promise<void> {
  expect(await noteBodies(page)).toContain(marker);
  expect(fs.existsSync(path.join(dataDir, 'vault', HEADER_FILE))).toBe(true);
  expect(fs.readdirSync(`${dataDir}.panic-tmp`).filter((n) => n.startsWith('tikho-drill-'))).toEqual([]);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible();
  expect(await noteBodies(page)).toContain(marker);
}

test('practising the button: the real confirmation and countdown, then the wipe on a copy only', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  const marker = await writeMarkedNote(page);
  await openPanic(page);
  const card = page.getByRole('region', { name: 'Practise the panic button' });
  await card.getByRole('button', { name: 'Practise the button…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Wipe everything in Tikho?' });
  await expect(confirm).toContainText('Practice: this runs on a disposable copy');
  await page.getByRole('button', { name: 'Start the 5-second countdown' }).click();
  await expect(page.getByRole('button', { name: 'Cancel the wipe' })).toBeFocused();
  const outcome = page.getByRole('heading', { name: 'What happened on the copy' });
  await expect(outcome).toBeFocused({ timeout: 30_000 });
  await expect(page.getByText('The countdown ran out and the wipe started.', { exact: false })).toContainText(
    'Tikho would have closed',
  );
  await expect(page.getByRole('table', { name: 'Steps, in the order they ran' })).toContainText(
    'Destroy the keys',
  );
  await expectRealNotebookIntact(page, harness.dataDir, marker);
});

test('practising the shortcut: the person’s own keys run the wipe on a copy, once', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  const marker = await writeMarkedNote(page);
  await openPanic(page);
  const card = page.getByRole('region', { name: 'Practise the panic shortcut' });
  await expect(card).toContainText('The panic shortcut is off');

  const chooser = page.getByRole('region', { name: 'Panic shortcut', exact: true });
  await chooser.getByRole('button', { name: 'Turn on and choose keys…' }).click();
  await page.keyboard.press('Control+Alt+Shift+KeyK');
  await chooser.getByRole('button', { name: 'Use these keys' }).click();

  await card.getByRole('button', { name: 'Start practising the shortcut' }).click();
  await expect(card.getByRole('status')).toHaveText('Press your shortcut now: Ctrl+Alt+Shift+K');
  // Other keys do nothing.
  await page.keyboard.press('Control+Alt+Shift+KeyJ');
  await expect(card.getByRole('status')).toBeVisible();
  await page.keyboard.press('Control+Alt+Shift+KeyK');
  await expect(page.getByRole('heading', { name: 'What happened on the copy' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText('Your shortcut started the wipe at once.', { exact: false })).toBeVisible();
  await expect(card.getByRole('button', { name: 'Start practising the shortcut' })).toBeVisible();
  // One press used the practice up: main takes no more keys from the page.
  const again = await page.evaluate(() =>
    window.tikho.panic.practiceKeysSeen({ accelerator: 'CommandOrControl+Alt+Shift+K' }),
  );
  expect(again.ok && again.value.accepted).toBe(false);
  await expectRealNotebookIntact(page, harness.dataDir, marker);
});

test('practising the duress passphrase at a practice lock screen opens the copy’s decoy; the real passphrase is named as such', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  const marker = await writeMarkedNote(page);
  await openPanic(page);
  await expect(page.getByRole('region', { name: 'Practise the duress passphrase' })).toContainText(
    'You have no duress passphrase yet',
  );
  await page.getByLabel('Your real passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByLabel('New duress passphrase', { exact: true }).fill(DURESS);
  await page.getByLabel('Type the duress passphrase again', { exact: true }).fill(DURESS);
  await page.getByLabel('Also prepare a decoy notebook that opens with the duress passphrase').check();
  await page.getByRole('button', { name: 'Set duress passphrase' }).click();
  await expect(page.getByText('A duress passphrase is set.')).toBeVisible({ timeout: 30_000 });

  const card = page.getByRole('region', { name: 'Practise the duress passphrase' });
  const field = card.getByLabel('Passphrase (practice lock screen)', { exact: true });
  await field.fill(DURESS);
  await card.getByRole('button', { name: 'Unlock the copy' }).click();
  await expect(page.getByRole('heading', { name: 'What happened on the copy' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    page.getByText('The duress passphrase started a silent wipe.', { exact: false }),
  ).toContainText('The decoy notebook would have opened like a normal unlock');
  await expect(field).toHaveValue('');

  await field.fill(STRONG_PASSPHRASE);
  await card.getByRole('button', { name: 'Unlock the copy' }).click();
  await expect(page.getByText('This passphrase opens your notebook: it is your real passphrase')).toBeVisible(
    {
      timeout: 30_000,
    },
  );
  await expectRealNotebookIntact(page, harness.dataDir, marker);
  // The real duress passphrase still works on the real lock screen afterwards (it was only practised).
  const config = await page.evaluate(() => window.tikho.panic.config({}));
  expect(config.ok && config.value.duressSet && config.value.decoyReady).toBe(true);
});

test('an update from before "off by default" leaves the old shortcut off and offers it back once', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  await harness.stop();
  // settings.json as the old version wrote it: every key, the old default armed, no notice key.
  const file = path.join(harness.dataDir, 'settings.json');
  const old = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete old.panicShortcutNotice;
  old.panicShortcut = 'CommandOrControl+Alt+Shift+P';
  fs.writeFileSync(file, JSON.stringify(old));
  const again = await startHarness({ lang: 'en', dataDir: harness.dataDir });
  try {
    await page.goto(again.url);
    await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await openPanic(page);
    const section = page.getByRole('region', { name: 'Panic shortcut', exact: true });
    await expect(section.getByText('Your panic shortcut Ctrl+Alt+Shift+P is off now.')).toBeVisible();
    await expect(section.getByText('Off', { exact: true })).toBeVisible();
    await section.getByRole('button', { name: 'Turn Ctrl+Alt+Shift+P back on' }).click();
    await expect(section.getByText('Ctrl+Alt+Shift+P', { exact: true })).toBeVisible();
    await expect(section.getByText('Your panic shortcut Ctrl+Alt+Shift+P is off now.')).toHaveCount(0);
    const saved = await page.evaluate(() => window.tikho.settings.get({}));
    expect(saved.ok && saved.value).toMatchObject({
      panicShortcut: 'CommandOrControl+Alt+Shift+P',
      panicShortcutNotice: null,
    });
  } finally {
    await again.stop();
  }
});
