import type { Language } from '../../../shared/settings';

/**
 * First run follows the OS: the first preferred language we ship wins. Belarusian and Kazakh
 * speakers are far likelier to read Russian than English, so they map to ru.
 */
export function resolveLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split(/[-_]/)[0] ?? '';
    if (base === 'uk') return 'uk';
    if (base === 'ru' || base === 'be' || base === 'kk') return 'ru';
    if (base === 'en') return 'en';
  }
  return 'en';
}
