import type { Language } from '../../../../shared/settings';

/** Each language is offered in its own script so anyone can find theirs. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ru: 'Русский', uk: 'Українська' };
