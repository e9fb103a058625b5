import type { Theme } from '../../../shared/settings';

/** "system" leaves the decision to prefers-color-scheme in CSS. */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
