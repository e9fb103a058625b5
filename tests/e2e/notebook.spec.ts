import fs from 'node:fs';
import path from 'node:path';
import { createVault, expect, STRONG_PASSPHRASE, test } from './fixtures';
import { lock, makePng, unlock, writeNote } from './notebookHelpers';

test('note with a tag survives lock, is found, gets an image; a changed passphrase retires the old one', async ({
  page,
  harness,
}) => {
  const next = 'pebble tundra orchestra mellow signal cactus';
  await page.goto(harness.url);
  await createVault(page);
  await expect(page.getByText('Notes are encrypted on this computer only.', { exact: false })).toBeVisible();
  await writeNote(page, {
    title: 'Meeting with the lawyer',
    tags: 'legal',
    body: 'Bring the **court papers**.',
  });

  await lock(page);
  await page.getByLabel('Passphrase', { exact: true }).fill('not my passphrase at all');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('That passphrase did not open Tikho');
  await unlock(page);

  const list = page.getByRole('list', { name: 'Your notes' });
  await expect(list.getByRole('button', { name: /Meeting with the lawyer/ })).toBeVisible();
  await page.getByRole('button', { name: 'legal', exact: true }).click();
  await page.getByLabel('Search notes').fill('court');
  await expect(page.getByText('1 note found')).toBeVisible();
  const hit = list.getByRole('button', { name: /Meeting with the lawyer/ });
  await expect(hit.locator('mark')).toHaveText('court');
  await hit.click();
  await expect(page.getByLabel('Title')).toHaveValue('Meeting with the lawyer');
  await expect(page.getByLabel('Tags')).toHaveValue('legal');

  await page.getByLabel('Attach a file…').setInputFiles({
    name: 'passport.png',
    mimeType: 'image/png',
    buffer: makePng(48, 32),
  });
  const image = page.getByRole('img', { name: 'Picture: passport.png' });
  await expect(image).toBeVisible();
  expect(await image.getAttribute('src')).toMatch(/^blob:/);
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(48);

  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: 'Change passphrase…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Change passphrase' });
  await dialog.getByLabel('Current passphrase').fill(STRONG_PASSPHRASE);
  await dialog.getByLabel('New passphrase').fill(next);
  await dialog.getByLabel('Type the new one again').fill(next);
  await expect(dialog.getByText('Strength: Strong')).toBeVisible();
  await dialog.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(
    page.getByText('Passphrase changed. The old one no longer works.', { exact: true }),
  ).toBeVisible();

  await lock(page);
  await page.getByLabel('Passphrase', { exact: true }).fill(STRONG_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('That passphrase did not open Tikho');
  await unlock(page, next);
  // Unlocking returns to the screen the person was on (Settings); the notes are one click away.
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Notebook', exact: true }).click();
  await expect(
    page.getByRole('list', { name: 'Your notes' }).getByRole('button', { name: /Meeting/ }),
  ).toBeVisible();
});

function allFiles(root: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    const p = path.join(root, entry.name);
    if (entry.isDirectory()) out.push(...allFiles(p));
    else if (entry.isFile()) out.push(p);
  }
  return out;
}

test('nothing written through the UI is readable in the data folder', async ({ page, harness }) => {
  const marker = 'TIKHO-MARKER-5c1e9a0d';
  const pattern = Buffer.from('BYTE-PATTERN-93b7f2c4-');
  const payload = Buffer.concat(Array.from({ length: 4096 }, () => pattern)); // ~90 KB
  await page.goto(harness.url);
  await createVault(page);
  await writeNote(page, { title: `Title ${marker}`, tags: marker, body: `Body ${marker} end` });
  await page.getByLabel('Attach a file…').setInputFiles({
    name: `${marker}.bin`,
    mimeType: 'application/octet-stream',
    buffer: payload,
  });
  await expect(page.getByText(`“${marker}.bin” is attached and encrypted.`, { exact: true })).toBeVisible();
  await lock(page);

  const files = allFiles(harness.dataDir);
  expect(files.length).toBeGreaterThan(3);
  const needles = [
    Buffer.from(marker, 'utf8'),
    Buffer.from(marker, 'utf16le'),
    pattern,
    Buffer.from(pattern.toString('base64').slice(0, 16)),
  ];
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    for (const needle of needles) expect(bytes.includes(needle), `${file} holds a clear copy`).toBe(false);
  }
});

test('Russian and Ukrainian text is found with ё/е and і/ї/и folding, and highlighted', async ({
  page,
  harness,
}) => {
  await page.goto(harness.url);
  await createVault(page);
  await writeNote(page, { title: 'Ёлка у Алёны', body: 'Встреча в субботу' });
  await writeNote(page, { title: 'Зустріч у Києві', body: 'Їжа та житло для родини' });
  const search = page.getByLabel('Search notes');
  const list = page.getByRole('list', { name: 'Your notes' });

  await search.fill('елка алены');
  await expect(list.getByRole('button')).toHaveCount(1);
  await expect(list.getByRole('button').locator('mark')).toHaveText(['Ёлка', 'Алёны']);

  await search.fill('киеви');
  await expect(list.getByRole('button')).toHaveCount(1);
  await expect(list.getByRole('button', { name: /Зустріч у Києві/ })).toBeVisible();

  await search.fill('ижа');
  await expect(list.getByRole('button', { name: /Зустріч/ }).locator('mark')).toHaveText('Їжа');
});
