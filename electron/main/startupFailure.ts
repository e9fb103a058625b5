import type { TFunction } from 'i18next';
import type { Logger } from '../services/log/logger';

/** Used only when even the locale files could not be read (a broken install). */
const FALLBACK = {
  title: 'Tikho could not start',
  body: 'Tikho stopped before its window opened. Your data was not changed. Start Tikho again; if this keeps happening, reinstall it from the official download page.',
};

export interface StartupFailureDeps {
  showErrorBox(title: string, body: string): void;
  exit(code: number): void;
  logger: Pick<Logger, 'error'>;
  /** The main-process translator if start-up got that far, or a way to make one. */
  translate: () => Promise<TFunction | null>;
}

/**
 * `start()` failed: say so and exit. A process left running without a window would hold the
 * single-instance lock, so every later launch would quit at once and the app would look dead.
 */
export async function reportStartupFailure(deps: StartupFailureDeps, error: unknown): Promise<void> {
  // The name only: a message can hold paths of the person's files.
  deps.logger.error('startup: failed', { error: error instanceof Error ? error.name : typeof error });
  let text = FALLBACK;
  try {
    const t = await deps.translate();
    if (t) text = { title: t('startup.failedTitle'), body: t('startup.failedBody') };
  } catch {
    // Keep the built-in English text.
  }
  try {
    deps.showErrorBox(text.title, text.body);
  } finally {
    deps.exit(1);
  }
}
