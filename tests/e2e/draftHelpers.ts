import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { HarnessProcess } from './harness';
import { expect } from './fixtures';

/** Main's real idle check after "six minutes away" (the default auto-lock is five). */
export async function idleLock(page: Page, harness: HarnessProcess): Promise<void> {
  expect(await harness.advanceIdle(6 * 60)).toBe('locked');
  await expect(page.getByText('Tikho locked itself because the computer was idle.')).toBeVisible();
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : entry.isFile() ? [full] : [];
  });
}

/** Files of the data folder (and its panic temp folder) that hold `text` in UTF-8 or UTF-16. */
export function filesHolding(harness: HarnessProcess, text: string): string[] {
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le')];
  const files = [...filesUnder(harness.dataDir), ...filesUnder(`${harness.dataDir}.panic-tmp`)];
  expect(files.length, 'the data folder holds the vault').toBeGreaterThan(3);
  return files.filter((file) => {
    const bytes = fs.readFileSync(file);
    return needles.some((needle) => bytes.includes(needle));
  });
}

/** Nothing of a draft in the page's own storage: drafts go to main and nowhere else. */
export async function browserStorageIsEmpty(page: Page): Promise<void> {
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    databases: (await indexedDB.databases()).length,
  }));
  expect(stored).toEqual({ local: 0, session: 0, databases: 0 });
}
