import fs from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { startHarness } from './harness';

export interface DeskSide {
  page: Page;
  close(): Promise<void>;
}

/**
 * A support desk in its own harness and browser context, beside the person's: its page's
 * requests are checked like the person's (nothing may leave 127.0.0.1). It starts in `lang` and
 * in a window of `viewport` when given.
 */
export async function openDesk(
  browser: Browser,
  offsiteRequests: string[],
  options: { lang?: string; viewport?: { width: number; height: number } } = {},
): Promise<DeskSide> {
  const context = await browser.newContext(options.viewport ? { viewport: options.viewport } : {});
  const desk = await startHarness({ profile: 'desk', lang: options.lang }).catch(async (error: unknown) => {
    await context.close();
    throw error;
  });
  const page = await context.newPage();
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.hostname !== '127.0.0.1') {
      offsiteRequests.push(request.url());
    }
  });
  await page.goto(desk.url);
  return {
    page,
    close: async () => {
      await context.close();
      await desk.stop();
      fs.rmSync(desk.dataDir, { recursive: true, force: true });
      fs.rmSync(desk.downloadsDir, { recursive: true, force: true });
    },
  };
}
