import { expect, test } from './fixtures';

test('the renderer has window.tikho and nothing of Node', async ({ page, harness }) => {
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'Choose your language' })).toBeVisible();
  const globals = await page.evaluate(() => ({
    tikho: typeof (window as unknown as { tikho?: unknown }).tikho,
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    vaultStatus: typeof (window as unknown as { tikho: { vault: { status: unknown } } }).tikho.vault.status,
  }));
  expect(globals).toEqual({
    tikho: 'object',
    require: 'undefined',
    process: 'undefined',
    vaultStatus: 'function',
  });
});

test('an injected inline script does not run (CSP)', async ({ page, harness }) => {
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'Choose your language' })).toBeVisible();
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.appendChild(script);
    const img = document.createElement('img');
    img.setAttribute('onerror', 'window.__injectedHandler = true');
    img.src = 'data:,x';
    document.body.appendChild(img);
    await new Promise((r) => setTimeout(r, 200));
    const w = window as unknown as { __injected?: boolean; __injectedHandler?: boolean };
    return { script: w.__injected === true, handler: w.__injectedHandler === true };
  });
  expect(ran).toEqual({ script: false, handler: false });
});

test('the CSP blocks a request to any other origin', async ({ page, harness }) => {
  await page.goto(harness.url);
  await expect(page.getByRole('heading', { name: 'Choose your language' })).toBeVisible();
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    let fetched = false;
    try {
      await fetch('http://127.0.0.2:9/collect');
      fetched = true;
    } catch {
      fetched = false;
    }
    const img = new Image();
    img.src = 'http://127.0.0.2:9/pixel.png';
    // Violation reports arrive asynchronously: wait for both, or give up after 5 s (a busy CI box).
    for (let waited = 0; waited < 5_000 && !violations.includes('img-src'); waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    return { fetched, violations };
  });
  expect(outcome.fetched).toBe(false);
  expect(outcome.violations).toEqual(expect.arrayContaining(['connect-src', 'img-src']));
});

test('the harness refuses a WebSocket without the token or from another origin', async ({ harness }) => {
  const { WebSocket } = await import('ws');
  const tryConnect = (url: string, origin: string): Promise<string> =>
    new Promise((resolve) => {
      const socket = new WebSocket(url, { origin });
      socket.on('open', () => {
        socket.close();
        resolve('open');
      });
      socket.on('error', () => resolve('refused'));
    });
  const token = new URL(harness.url).searchParams.get('token') ?? '';
  const base = harness.origin.replace('http', 'ws');
  expect(await tryConnect(`${base}/__harness/ipc?token=wrong`, harness.origin)).toBe('refused');
  expect(await tryConnect(`${base}/__harness/ipc?token=${token}`, 'http://evil.example')).toBe('refused');
  expect(await tryConnect(`${base}/__harness/ipc?token=${token}`, harness.origin)).toBe('open');
});
