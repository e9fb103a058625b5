import type { Theme } from '../../../shared/settings';

/** "system" leaves the decision to the OS through CSS color-scheme (app.css uses light-dark()). */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') delete document.documentElement.dataset.theme;
  else document.documentElement.dataset.theme = theme;
}
