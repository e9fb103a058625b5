import { OLD_DEFAULT_PANIC_SHORTCUT } from '../../../shared/panicShortcut';

export { OLD_DEFAULT_PANIC_SHORTCUT };

/**
 * Versions before the shortcut became the person's choice stored `CommandOrControl+Alt+Shift+P` as the panic shortcut for
 * everyone: the settings service always writes every key, so that value in a file says nothing
 * about whether the person chose it. A global key that wipes everything must be chosen, so such a
 * file is read as "off", with a one-time notice on Panic & safety offering the same keys back.
 * Any other stored shortcut was recorded by the person and is kept as it is.
 */
/**
 * The marker of a migrated file is the `panicShortcutNotice` key: files written since always carry
 * it (null or the notice), so the migration runs once and never undoes a later choice.
 */
export function migrateSettings(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  const source = raw as Record<string, unknown>;
  if ('panicShortcutNotice' in source) return raw;
  if (source.panicShortcut !== OLD_DEFAULT_PANIC_SHORTCUT) return { ...source, panicShortcutNotice: null };
  return { ...source, panicShortcut: null, panicShortcutNotice: 'old-default-off' };
}
