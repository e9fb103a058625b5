import { z } from 'zod';
import { DISGUISES } from './disguise';

/**
 * Non-secret settings only. Anything that would tell a searcher what the user does
 * (notes, contacts, progress) belongs in the vault, never here.
 */
export const LANGUAGES = ['en', 'ru', 'uk'] as const;
export type Language = (typeof LANGUAGES)[number];

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

export const AUTO_LOCK_CHOICES = [1, 2, 5, 10, 15, 30, 60] as const;

/** Electron accelerator syntax, kept to modifiers plus one key so it cannot be a plain letter. */
export const ACCELERATOR =
  /^(?:(?:CommandOrControl|Control|Ctrl|Command|Cmd|Alt|Option|Shift|Super|Meta)\+){2,3}(?:[A-Z0-9]|F(?:[1-9]|1[0-9]|2[0-4])|Space|Backspace|Delete|Escape|End|Home|PageUp|PageDown)$/;

export const settingsSchema = z
  .object({
    language: z.enum(LANGUAGES).nullable(),
    theme: z.enum(THEMES),
    autoLockMinutes: z
      .number()
      .int()
      .refine((n) => (AUTO_LOCK_CHOICES as readonly number[]).includes(n)),
    lockShortcut: z.string().regex(ACCELERATOR),
    /** Null = off: a global wipe key is the person's choice, never a default. */
    panicShortcut: z.string().regex(ACCELERATOR).nullable(),
    /**
     * 'old-default-off': this file came from a version that armed CommandOrControl+Alt+Shift+P
     * without asking; the start-up migration turned it off and Panic & safety says so once
     * (electron/services/settings/migrateSettings.ts). Null once the person has answered.
     */
    panicShortcutNotice: z.enum(['old-default-off']).nullable(),
    contentProtection: z.boolean(),
    lockOnHide: z.boolean(),
    /** The name shown instead of the app's own (shared/disguise.ts); 'off' by default. */
    disguise: z.enum(DISGUISES),
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  // null until first run resolves it from the OS locale.
  language: null,
  theme: 'system',
  autoLockMinutes: 5,
  lockShortcut: 'CommandOrControl+Shift+L',
  panicShortcut: null,
  panicShortcutNotice: null,
  contentProtection: true,
  lockOnHide: false,
  disguise: 'off',
};

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
