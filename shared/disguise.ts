import type { Language } from './settings';

/**
 * Disguise: the name the app goes by on screen when the person chose one, so a laptop looked at
 * during an inspection does not announce "a security toolkit for activists". Off by default.
 * It changes what is shown (every translated string, the window and document title, checklist
 * text); it cannot change the installed program's files, its menu entry or the installer, which
 * docs/threat-model.md and the settings screen say plainly.
 */
export const DISGUISES = ['off', 'notes', 'tasks', 'documents'] as const;
export type Disguise = (typeof DISGUISES)[number];

const NAMES: Record<Exclude<Disguise, 'off'>, Record<Language, string>> = {
  notes: { en: 'Notes', ru: 'Заметки', uk: 'Нотатки' },
  tasks: { en: 'Tasks', ru: 'Задачи', uk: 'Завдання' },
  documents: { en: 'Documents', ru: 'Документы', uk: 'Документи' },
};

export function disguiseName(disguise: Exclude<Disguise, 'off'>, language: Language): string {
  return NAMES[disguise][language];
}

// In Russian and Ukrainian the name is written as a name: «Тихо», „Тихо“ or bare in a sentence.
// Bare, it becomes the quoted disguise name, which reads as a name in any case ending.
const CYRILLIC_NAME = /[«„"“]Тихо[»“"”]|(?<!\p{L})Тихо(?!\p{L})/gu;
const LATIN_NAME = /(?<!\p{L})Tikho(?!\p{L})/gu;

/** The text with the app's name replaced by the disguise name; unchanged when disguise is off. */
export function disguiseText(text: string, language: Language, disguise: Disguise): string {
  if (disguise === 'off') return text;
  const name = disguiseName(disguise, language);
  // The name on its own (a title, the sidebar) stays bare; inside a sentence it reads as a name.
  if (text === 'Tikho' || text === 'Тихо') return name;
  const quoted = language === 'en' ? name : `«${name}»`;
  return text.replace(CYRILLIC_NAME, quoted).replace(LATIN_NAME, quoted);
}

/** Every string inside a plain-data value, disguised (checklist content crosses IPC this way). */
export function disguiseStrings<T>(value: T, language: Language, disguise: Disguise): T {
  if (disguise === 'off') return value;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return disguiseText(v, language, disguise);
    if (Array.isArray(v)) return v.map(walk);
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, walk(inner)]));
    return v;
  };
  return walk(value) as T;
}
