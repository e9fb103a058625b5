import fs from 'node:fs';
import { startHarness } from './harness';
import { createVault, expect, test } from './fixtures';

/**
 * A panic shortcut the OS refused must never look set: the screen says so at once, with what to
 * do instead. The harness plays a desktop that refuses every combination (another program holds
 * it, or Wayland without the shortcuts portal); Electron's real answer reaches the same channel
 * through electron/main/panicGlue.ts (tests/unit/main).
 */
test('a shortcut the system refused shows a warning with what to do; a working one shows none', async ({
  page,
}) => {
  const harness = await startHarness({ refusePanicShortcut: true });
  try {
    await page.goto(harness.url);
    await createVault(page);
    await page
      .getByRole('navigation', { name: 'Main sections' })
      .getByRole('button', { name: 'Panic & safety' })
      .click();
    const section = page.getByRole('region', { name: 'Panic shortcut', exact: true });
    await expect(section.getByRole('alert')).toHaveCount(0);
    await section.getByRole('button', { name: 'Turn on and choose keys…' }).click();
    await page.keyboard.press('Control+Alt+Shift+KeyK');
    await section.getByRole('button', { name: 'Use these keys' }).click();
    await expect(section.getByRole('alert')).toContainText(
      'Your system refused this shortcut: it does not work now.',
    );
    await expect(section.getByRole('alert')).toContainText('use the panic button or the duress passphrase');
    await section.getByRole('button', { name: 'Turn off' }).click();
    await expect(section.getByRole('alert')).toHaveCount(0);
  } finally {
    await harness.stop();
    fs.rmSync(harness.dataDir, { recursive: true, force: true });
    fs.rmSync(harness.downloadsDir, { recursive: true, force: true });
  }
});
