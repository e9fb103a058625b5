import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { TikhoApi } from '../../shared/ipc/contract';
import { createVault, expect, STRONG_PASSPHRASE, test } from './fixtures';

const DURESS = 'copper meadow whistle sleepy harbour violin';

// The page's bridge (preload in the app, the harness's bridge here): typed for page.evaluate.
declare global {
  interface Window {
    readonly tikho: TikhoApi;
  }
}

/** A unique string written into a real note; after a wipe no file may hold it or the old key file. */
async function writeMarkedNote(page: Page): Promise<string> {
  const marker = `TIKHO-PANIC-MARKER-${Date.now()}-${Math.random().toString(36).slice(2)}`;
  // Through the IPC the notebook screen uses (window.tikho), while that screen is being built.
  const ok = await page.evaluate(
    async (body) =>
      (await window.tikho.notes.create({ title: 'Contacts at the office', body, tags: [], pinned: false }))
        .ok,
    marker,
  );
  expect(ok).toBe(true);
  return marker;
}

async function noteBodies(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const list = await window.tikho.notes.list({});
    if (!list.ok) return `error:${list.error.code}`;
    const bodies = await Promise.all(
      list.value.notes.map(async (n) => {
        const got = await window.tikho.notes.get({ id: n.id });
        return got.ok ? got.value.note.body : '';
      }),
    );
    return bodies.join('\n');
  });
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((e) => {
    const full = path.join(e.parentPath, e.name);
    return e.isFile() ? [full] : [];
  });
}

/** Residue scan (issue 6 §6): the data folder and this run's temp folder hold neither the marker nor the old key file. */
function expectNoResidue(dataDir: string, needles: Buffer[]): void {
  for (const file of [...filesUnder(dataDir), ...filesUnder(`${dataDir}.panic-tmp`)]) {
    const bytes = fs.readFileSync(file);
    for (const needle of needles)
      expect(bytes.includes(needle), `${path.relative(dataDir, file)} holds residue`).toBe(false);
  }
}

/** What must not survive a wipe, read before it: the note marker and two spans of the key file. */
function wipeNeedles(dataDir: string, marker: string): Buffer[] {
  const header = fs.readFileSync(path.join(dataDir, 'vault', 'index.bin'));
  return [Buffer.from(marker), header.subarray(100, 164), header.subarray(-64)];
}

async function openPanic(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main sections' })
    .getByRole('button', { name: 'Panic & safety' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Panic & safety' })).toBeVisible();
}

async function setUpDuress(page: Page, withDecoy: boolean): Promise<void> {
  await page.getByLabel('Your real passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByLabel('New duress passphrase', { exact: true }).fill(DURESS);
  await page.getByLabel('Type the duress passphrase again', { exact: true }).fill(DURESS);
  const decoy = page.getByLabel('Also prepare a decoy notebook that opens with the duress passphrase');
  if (withDecoy) await decoy.check();
  else await decoy.uncheck();
  await page.getByRole('button', { name: 'Set duress passphrase' }).click();
  await expect(page.getByText('A duress passphrase is set.')).toBeVisible();
}

async function lockAndType(page: Page, passphrase: string): Promise<void> {
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
  await page.getByRole('button', { name: 'Unlock' }).click();
}

test('the honest limits come before any setting, and a near-typo duress passphrase is refused', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  await openPanic(page);
  const limits = page.getByRole('heading', { name: 'Before you set this up: what a wipe can and cannot do' });
  await expect(limits).toBeVisible();
  await expect(page.getByText(/A copy of the disk, an OS backup/)).toBeVisible();
  await expect(page.getByText(/Swap and hibernation files/)).toBeVisible();
  // The harness has no OS keystore: the lock-screen settings are readable from a disk copy, and it says so.
  await expect(page.getByText(/no system keychain Tikho can use/)).toBeVisible();
  await expect(page.getByText(/A visible wipe can make a confrontation worse/)).toBeVisible();
  await expect(page.getByText(/Destroying evidence can itself be a crime/)).toBeVisible();
  const limitsBox = await limits.boundingBox();
  const duressBox = await page.getByRole('heading', { name: 'Duress passphrase', exact: true }).boundingBox();
  expect(limitsBox && duressBox && limitsBox.y < duressBox.y).toBe(true);

  await page.getByLabel('Your real passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByLabel('New duress passphrase', { exact: true }).fill(`${STRONG_PASSPHRASE}s`);
  await page.getByLabel('Type the duress passphrase again', { exact: true }).fill(`${STRONG_PASSPHRASE}s`);
  await page.getByRole('button', { name: 'Set duress passphrase' }).click();
  await expect(page.getByRole('alert')).toContainText('too close to your real one');
  await expect(page.getByText('One passphrase contains the other.')).toBeVisible();
  // Failed-unlock wipe is off until the person turns it on.
  await expect(
    page.getByRole('group', { name: 'Wipe after failed unlocks' }).getByRole('radio', { name: 'Off' }),
  ).toBeChecked();
});

test('duress passphrase on the normal lock screen wipes and shows a fresh start', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  const marker = await writeMarkedNote(page);
  const needles = wipeNeedles(harness.dataDir, marker);
  await openPanic(page);
  await setUpDuress(page, false);
  await page.getByRole('radio', { name: /Show a fresh start/ }).click();
  await expect(page.getByRole('radio', { name: /Show a fresh start/ })).toBeChecked();

  await lockAndType(page, DURESS);
  // The chosen end state: the welcome screen of a new install.
  await expect(page.getByRole('button', { name: 'Continue' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toHaveCount(0);
  expect(fs.existsSync(path.join(harness.dataDir, 'vault'))).toBe(false);
  expectNoResidue(harness.dataDir, needles);
  const status = await page.evaluate(() => window.tikho.vault.status({}));
  expect(status).toEqual({ ok: true, value: { state: 'none' } });
});

test('duress passphrase with a decoy opens the decoy exactly like a normal unlock; the real notes are gone', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  const marker = await writeMarkedNote(page);
  const needles = wipeNeedles(harness.dataDir, marker);
  await openPanic(page);
  await setUpDuress(page, true);
  await page.getByRole('radio', { name: /Open the decoy notebook/ }).click();
  await expect(page.getByRole('radio', { name: /Open the decoy notebook/ })).toBeChecked();

  await lockAndType(page, DURESS);
  // Same screen flow as a real unlock: the shell with its notebook.
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible();
  const bodies = await noteBodies(page);
  expect(bodies).toContain('Milk, bread, apples');
  expect(bodies).not.toContain(marker);
  expectNoResidue(harness.dataDir, needles);
  // The real passphrase opens nothing any more.
  await lockAndType(page, STRONG_PASSPHRASE);
  await expect(page.getByRole('alert')).toContainText('did not open Tikho');
});

test('a drill reports its steps and the real vault still opens with its notes', async ({ page, harness }) => {
  await page.goto(harness.url);
  await createVault(page);
  const marker = await writeMarkedNote(page);
  await openPanic(page);
  await page.getByRole('button', { name: 'Run a drill' }).click();
  await expect(page.getByText('Drill finished. Your real data was not touched.')).toBeVisible();
  const table = page.getByRole('table', { name: 'Steps, in the order they ran' });
  const rows = table.getByRole('row');
  await expect(rows.nth(1)).toContainText('Note that a wipe has started');
  await expect(rows.nth(2)).toContainText('Destroy the keys');
  await expect(table).toContainText('Delete the files');
  await expect(page.getByText('1 note', { exact: true })).toBeVisible();

  await lockAndType(page, STRONG_PASSPHRASE);
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toBeVisible();
  expect(await noteBodies(page)).toContain(marker);
  // The checklist reads this record ("panic shortcut set and drilled").
  expect(fs.existsSync(path.join(harness.dataDir, 'vault'))).toBe(true);
});

test('the panic button needs a confirmation naming what goes, then counts down with focus on Cancel; only Esc or Cancel stop it', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  const marker = await writeMarkedNote(page);
  await openPanic(page);

  // A deliberate start: the button alone starts nothing, the confirmation names what goes.
  await page.getByRole('button', { name: 'Wipe everything…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Wipe everything in Tikho?' });
  await expect(confirm).toContainText('your notes and their attachments');
  await expect(confirm).toContainText('your settings, including the duress passphrase');
  await page.waitForTimeout(1_500);
  await expect(page.getByText(/Wiping in \d/)).toHaveCount(0);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);

  await page.getByRole('button', { name: 'Wipe everything…' }).click();
  await page.getByRole('button', { name: 'Start the 5-second countdown' }).click();
  await expect(page.getByText('Wiping in 5 seconds')).toBeVisible();
  const cancel = page.getByRole('button', { name: 'Cancel the wipe' });
  await expect(cancel).toBeFocused();
  // A stray Shift or a mouse move does not stop a wipe the person chose.
  await page.keyboard.press('Shift');
  await page.mouse.move(40, 40);
  await page.mouse.move(300, 200);
  await expect(page.getByText('Wiping in 4 seconds')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByText('Wipe cancelled. Nothing was changed.', { exact: true })).toBeVisible();
  await page.waitForTimeout(5_500);
  await expect(page.getByRole('heading', { level: 1, name: 'Panic & safety' })).toBeVisible();
  expect(await noteBodies(page)).toContain(marker);

  // Cancel stops it too.
  await page.getByRole('button', { name: 'Wipe everything…' }).click();
  await page.getByRole('button', { name: 'Start the 5-second countdown' }).click();
  await expect(page.getByText('Wiping in 5 seconds')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel the wipe' }).click();
  await expect(page.getByRole('button', { name: 'Wipe everything…' })).toBeVisible();
  expect(fs.existsSync(path.join(harness.dataDir, 'vault', 'index.bin'))).toBe(true);

  const needles = wipeNeedles(harness.dataDir, marker);
  await page.getByRole('button', { name: 'Wipe everything…' }).click();
  await page.getByRole('button', { name: 'Start the 5-second countdown' }).click();
  await page.keyboard.press('Shift');
  await expect(page.getByText('Wiping in 1 second')).toBeVisible({ timeout: 8_000 });
  // Default end state "close Tikho": the window goes blank (the harness cannot close a tab).
  await expect(page.getByRole('heading', { level: 1, name: 'Panic & safety' })).toHaveCount(0, {
    timeout: 15_000,
  });
  await expect(page.getByRole('navigation', { name: 'Main sections' })).toHaveCount(0);
  await expect.poll(() => fs.existsSync(path.join(harness.dataDir, 'vault'))).toBe(false);
  expectNoResidue(harness.dataDir, needles);
});

test('the panic shortcut is off until the person records keys of their own; common ones are refused; it can be turned off', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  await openPanic(page);
  const section = page.getByRole('region', { name: 'Panic shortcut', exact: true });
  await expect(section.getByText('Off', { exact: true })).toBeVisible();
  await expect(section).not.toContainText('CommandOrControl');

  await section.getByRole('button', { name: 'Turn on and choose keys…' }).click();
  const recorder = section.getByRole('textbox', { name: 'Press the keys you want to use' });
  await expect(recorder).toBeFocused();
  // A browser's "reopen tab" must never wipe a notebook.
  await page.keyboard.press('Control+Shift+KeyT');
  await expect(section.getByRole('alert')).toContainText(
    'Other programs or the system already use these keys',
  );
  await expect(section.getByRole('button', { name: 'Use these keys' })).toBeDisabled();
  await page.keyboard.press('Control+Alt+Shift+KeyK');
  await expect(recorder).toHaveText('Ctrl+Alt+Shift+K');
  await section.getByRole('button', { name: 'Use these keys' }).click();
  await expect(section.getByText('Ctrl+Alt+Shift+K', { exact: true })).toBeVisible();
  const saved = await page.evaluate(() => window.tikho.settings.get({}));
  expect(saved.ok && saved.value.panicShortcut).toBe('CommandOrControl+Alt+Shift+K');

  await section.getByRole('button', { name: 'Turn off' }).click();
  await expect(section.getByText('Off', { exact: true })).toBeVisible();
  const off = await page.evaluate(() => window.tikho.settings.get({}));
  expect(off.ok && off.value.panicShortcut).toBeNull();
});
