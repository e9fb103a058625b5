import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatAccelerator,
  OLD_DEFAULT_PANIC_SHORTCUT as OLD_DEFAULT,
} from '../../../../shared/panicShortcut';

/**
 * Shown once after an update from a version that armed the panic shortcut for everyone: the
 * person may have learnt those keys, so say plainly that they are off now and offer them back.
 */
export function ShortcutNotice({
  platform,
  busy,
  onRestore,
  onDismiss,
}: {
  platform: string;
  busy: boolean;
  onRestore: (accelerator: string) => void;
  onDismiss: () => void;
}): ReactElement {
  const { t } = useTranslation('panic');
  const keys = formatAccelerator(OLD_DEFAULT, platform);
  return (
    <div className="alert alert-warn panic-shortcut-notice" role="status">
      <p>
        <strong>{t('shortcutNotice.title', { keys })}</strong>
      </p>
      <p>{t('shortcutNotice.body', { keys })}</p>
      <div className="actions">
        <button
          type="button"
          className="button-secondary"
          disabled={busy}
          onClick={() => onRestore(OLD_DEFAULT)}
        >
          {t('shortcutNotice.restore', { keys })}
        </button>
        <button type="button" className="button-quiet" disabled={busy} onClick={onDismiss}>
          {t('shortcutNotice.keepOff')}
        </button>
      </div>
    </div>
  );
}
