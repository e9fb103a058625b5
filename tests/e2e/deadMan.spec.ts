import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TikhoApi } from '../../shared/ipc/contract';
import { startHarness } from './harness';
import { createVault, expect, STRONG_PASSPHRASE, test } from './fixtures';

declare global {
  interface Window {
    readonly tikho: TikhoApi;
  }
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .flatMap((e) => (e.isFile() ? [path.join(e.parentPath, e.name)] : []));
}

/**
 * The dead-man wipe as a person meets it: set it, leave the laptop for a week (the harness plays
 * the wall clock moving on), start again. Before the days are up the lock screen is as always and
 * says nothing; after them, the first start wipes before any screen and no file holds the note.
 */
test('dead-man wipe: set for 7 days, a start after 6 days keeps everything, a start after 8 wipes', async ({
  page,
}) => {
  test.setTimeout(150_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tikho-e2e-deadman-'));
  let harness = await startHarness({ dataDir });
  try {
    await page.goto(harness.url);
    await createVault(page);
    const marker = `DEADMAN-MARKER-${Date.now()}`;
    const created = await page.evaluate(
      async (body) =>
        (await window.tikho.notes.create({ title: 'Addresses', body, tags: [], pinned: false })).ok,
      marker,
    );
    expect(created).toBe(true);

    await page
      .getByRole('navigation', { name: 'Main sections' })
      .getByRole('button', { name: 'Panic & safety' })
      .click();
    const group = page.getByRole('group', { name: 'Wipe if Tikho is not opened for a long time' });
    await expect(group.getByRole('radio', { name: 'Off' })).toBeChecked();
    await group.getByRole('radio', { name: 'After 7 days' }).click();
    await expect(group.getByRole('radio', { name: 'After 7 days' })).toBeChecked();
    await expect(group.getByRole('status')).toContainText('If you do not unlock Tikho before');

    // Six days later: the lock screen, exactly as without the setting.
    await harness.stop();
    harness = await startHarness({ dataDir, clockDaysAhead: 6 });
    await page.goto(harness.url);
    await expect(page.getByLabel('Passphrase', { exact: true })).toBeVisible();
    await expect(page.getByText(/long time|days|wipe/i)).toHaveCount(0);
    expect(filesUnder(dataDir).some((f) => f.endsWith(path.join('vault', 'index.bin')))).toBe(true);

    // Eight days after the last unlock (the start at day 6 did not unlock): wiped before any screen.
    await harness.stop();
    harness = await startHarness({ dataDir, clockDaysAhead: 8 });
    await page.goto(harness.url);
    await expect(page.getByRole('heading', { name: 'Choose your language' })).toBeVisible();
    for (const file of [...filesUnder(dataDir), ...filesUnder(`${dataDir}.panic-tmp`)])
      expect(fs.readFileSync(file).includes(marker), `${file} holds the note`).toBe(false);
    // The old passphrase opens nothing.
    const status = await page.evaluate(async () => window.tikho.vault.status({}));
    expect(status).toEqual({ ok: true, value: { state: 'none' } });
    const unlock = await page.evaluate(
      async (passphrase) => (await window.tikho.vault.unlock({ passphrase })).ok,
      STRONG_PASSPHRASE,
    );
    expect(unlock).toBe(false);
  } finally {
    await harness.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(`${dataDir}.panic-tmp`, { recursive: true, force: true });
  }
});
