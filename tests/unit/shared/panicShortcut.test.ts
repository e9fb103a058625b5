import { describe, expect, it } from 'vitest';
import { acceleratorFromKeys, formatAccelerator, panicShortcutProblem } from '../../../shared/panicShortcut';
import { ACCELERATOR, DEFAULT_SETTINGS } from '../../../shared/settings';

const keys = (
  code: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>>,
) => ({
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  code,
  ...mods,
});

describe('the panic shortcut as a recorded choice (issue 16 §3)', () => {
  it('is off by default', () => {
    expect(DEFAULT_SETTINGS.panicShortcut).toBeNull();
  });

  it('records physical keys, so a Cyrillic layout gives the same shortcut', () => {
    // KeyK is «л» in the Russian layout: the code, not the character, is recorded.
    expect(acceleratorFromKeys(keys('KeyK', { ctrlKey: true, altKey: true, shiftKey: true }), 'linux')).toBe(
      'CommandOrControl+Alt+Shift+K',
    );
    expect(acceleratorFromKeys(keys('KeyK', { metaKey: true, altKey: true }), 'darwin')).toBe(
      'CommandOrControl+Alt+K',
    );
    expect(acceleratorFromKeys(keys('ShiftLeft', { shiftKey: true }), 'linux')).toBeNull();
    expect(acceleratorFromKeys(keys('F9', { ctrlKey: true, shiftKey: true }), 'win32')).toBe(
      'CommandOrControl+Shift+F9',
    );
    const recorded = acceleratorFromKeys(
      keys('Digit7', { ctrlKey: true, altKey: true, metaKey: true }),
      'linux',
    );
    expect(recorded).toBe('CommandOrControl+Alt+Super+7');
    expect(ACCELERATOR.test(recorded ?? '')).toBe(true);
  });

  it('refuses one modifier, common shortcuts and the lock shortcut', () => {
    const lock = DEFAULT_SETTINGS.lockShortcut;
    expect(panicShortcutProblem('CommandOrControl+K', 'linux', lock)).toBe('too-few-modifiers');
    expect(panicShortcutProblem('CommandOrControl+Shift+T', 'linux', lock)).toBe('common');
    expect(panicShortcutProblem('CommandOrControl+Alt+T', 'linux', lock)).toBe('common');
    expect(panicShortcutProblem('CommandOrControl+Alt+Escape', 'darwin', lock)).toBe('common');
    expect(panicShortcutProblem('Shift+CommandOrControl+L', 'linux', lock)).toBe('lock-shortcut');
    expect(panicShortcutProblem('CommandOrControl+Alt+Shift+K', 'linux', lock)).toBeNull();
  });

  it('is shown in the words of the OS', () => {
    expect(formatAccelerator('CommandOrControl+Alt+Shift+P', 'linux')).toBe('Ctrl+Alt+Shift+P');
    expect(formatAccelerator('CommandOrControl+Alt+Shift+P', 'darwin')).toBe('⌘⌥⇧P');
    expect(formatAccelerator('CommandOrControl+Super+K', 'win32')).toBe('Ctrl+Win+K');
  });
});
