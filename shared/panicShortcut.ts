import { ACCELERATOR } from './settings';

/**
 * The panic shortcut is the person's choice: recorded from the keyboard, and refused
 * when it is a combination the OS, a browser or a common app already uses — pressing it for its
 * usual meaning would wipe everything, and the OS may swallow it before Tikho sees it.
 */
export const COMMON_SHORTCUTS: readonly string[] = [
  'Control+Alt+Delete',
  'Control+Shift+Escape',
  'Control+Alt+T',
  'Control+Alt+L',
  'Control+Alt+D',
  'Control+Alt+Backspace',
  'Control+Shift+T',
  'Control+Shift+N',
  'Control+Shift+I',
  'Control+Shift+J',
  'Control+Shift+C',
  'Control+Shift+V',
  'Control+Shift+Delete',
  'Control+Shift+Q',
  'Control+Shift+W',
  'Control+Shift+P',
  'Control+Shift+S',
  'Control+Shift+Z',
  'Command+Option+Escape',
  'Command+Shift+3',
  'Command+Shift+4',
  'Command+Shift+5',
  'Command+Control+Q',
  'Command+Control+F',
  'Command+Shift+Q',
  'Command+Option+D',
  'Command+Option+I',
  'Command+Option+J',
  'Super+Shift+S',
  'Alt+Shift+Tab',
];

/**
 * What versions before the shortcut became the person's choice armed for everyone. Read as "never chosen" by the settings
 * migration (electron/services/settings/migrateSettings.ts), offered back once on Panic & safety.
 */
export const OLD_DEFAULT_PANIC_SHORTCUT = 'CommandOrControl+Alt+Shift+P';

type Modifier = 'CommandOrControl' | 'Control' | 'Alt' | 'Shift' | 'Super';

export interface RecordedKeys {
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  /** KeyboardEvent.code: the physical key, the same in every keyboard layout. */
  code: string;
}

/** The key part of an accelerator from a physical key code, or null for a key that cannot end one. */
function keyName(code: string): string | null {
  const letter = /^Key([A-Z])$/.exec(code);
  if (letter) return letter[1] ?? null;
  const digit = /^Digit([0-9])$/.exec(code);
  if (digit) return digit[1] ?? null;
  if (/^F(?:[1-9]|1[0-9]|2[0-4])$/.test(code)) return code;
  const named: Record<string, string> = {
    Space: 'Space',
    Backspace: 'Backspace',
    Delete: 'Delete',
    End: 'End',
    Home: 'Home',
    PageUp: 'PageUp',
    PageDown: 'PageDown',
  };
  return named[code] ?? null;
}

/**
 * Electron accelerator for what was pressed. `Control`/`Command` as pressed, then written as
 * `CommandOrControl` for the platform's main modifier so settings stay portable.
 * Null while only modifiers are down or the key cannot end a shortcut.
 */
export function acceleratorFromKeys(keys: RecordedKeys, platform: string): string | null {
  const key = keyName(keys.code);
  if (!key) return null;
  const mac = platform === 'darwin';
  const mods: Modifier[] = [];
  if (mac ? keys.metaKey : keys.ctrlKey) mods.push('CommandOrControl');
  if (mac && keys.ctrlKey) mods.push('Control');
  if (keys.altKey) mods.push('Alt');
  if (keys.shiftKey) mods.push('Shift');
  if (!mac && keys.metaKey) mods.push('Super');
  return [...mods, key].join('+');
}

/** The same combination on this platform, spelled with its concrete modifiers (for comparing). */
function concrete(accelerator: string, platform: string): string {
  const mac = platform === 'darwin';
  const parts = accelerator.split('+').map((p) => {
    if (p === 'CommandOrControl' || p === 'CmdOrCtrl') return mac ? 'Command' : 'Control';
    if (p === 'Ctrl') return 'Control';
    if (p === 'Cmd') return 'Command';
    if (p === 'Option') return 'Alt';
    if (p === 'Meta') return mac ? 'Command' : 'Super';
    return p;
  });
  const key = parts.pop() ?? '';
  const order = ['Command', 'Control', 'Option', 'Alt', 'Shift', 'Super'];
  const mods = [...new Set(parts)].sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return [...mods, key].join('+');
}

export type ShortcutProblem = 'too-few-modifiers' | 'common' | 'lock-shortcut';

/** Why a recorded combination cannot be the panic shortcut, or null when it can. */
export function panicShortcutProblem(
  accelerator: string,
  platform: string,
  lockShortcut: string,
): ShortcutProblem | null {
  if (!ACCELERATOR.test(accelerator)) return 'too-few-modifiers';
  const mine = concrete(accelerator, platform);
  if (mine === concrete(lockShortcut, platform)) return 'lock-shortcut';
  const common = COMMON_SHORTCUTS.map((c) => concrete(c, platform));
  if (common.includes(mine)) return 'common';
  return null;
}

/** `CommandOrControl+Alt+Shift+P` as the keys printed on this computer's keyboard. */
export function formatAccelerator(accelerator: string, platform: string): string {
  const mac = platform === 'darwin';
  const names: Record<string, string> = {
    CommandOrControl: mac ? '⌘' : 'Ctrl',
    Control: mac ? '⌃' : 'Ctrl',
    Command: '⌘',
    Alt: mac ? '⌥' : 'Alt',
    Shift: mac ? '⇧' : 'Shift',
    Super: platform === 'win32' ? 'Win' : 'Super',
  };
  return accelerator
    .split('+')
    .map((key) => names[key] ?? key)
    .join(mac ? '' : '+');
}
