import type { Page } from '@playwright/test';

/**
 * Screenshots of a whole screen for a person to look at. The shell scrolls inside `.content`,
 * not the page, so Playwright's fullPage stops at the window's bottom edge and everything below
 * the fold went unseen; this scrolls the content one window at a time and saves each view as
 * `<name>-1.png`, `<name>-2.png`, … (the last one may overlap the one before it).
 */
export async function screenshotWholeScreen(page: Page, pathWithoutExt: string): Promise<number> {
  const content = page.locator('.content');
  const { scrollHeight, clientHeight } = await content.evaluate((el) => ({
    scrollHeight: el.scrollHeight,
    clientHeight: el.clientHeight,
  }));
  const parts = Math.max(1, Math.ceil(scrollHeight / Math.max(1, clientHeight)));
  for (let part = 0; part < parts; part += 1) {
    await content.evaluate((el, top) => {
      el.scrollTop = top;
    }, part * clientHeight);
    await page.screenshot({ path: `${pathWithoutExt}-${part + 1}.png` });
  }
  await content.evaluate((el) => {
    el.scrollTop = 0;
  });
  return parts;
}
