import type { ReactElement } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../../shared/settings';
import { AUTO_LOCK_CHOICES } from '../../../../shared/settings';
import { RestoreBackup } from '../notebook/RestoreBackup';
import { ShortcutChooser } from '../panic/ShortcutChooser';
import './onboarding.css';

/**
 * The last first-run step : exactly three settings — auto-lock, the panic
 * shortcut as a clear, skippable choice with the same recorder as Panic & safety, and locking when
 * the window is hidden — then, for a person who comes with one, restoring a backup.
 */
export function SafetyStep({
  settings,
  platform,
  onChange,
  onDone,
}: {
  settings: Settings;
  platform: string;
  onChange: (patch: Partial<Settings>) => void;
  onDone: () => void;
}): ReactElement {
  const { t } = useTranslation('vault');
  const ids = { autoLock: useId(), hidden: useId(), panic: useId() };
  const [restored, setRestored] = useState<string | null>(null);
  return (
    <>
      <h1 tabIndex={-1}>{t('firstRun.safetyTitle')}</h1>
      <p className="hint">{t('firstRun.safetyHint')}</p>
      <ol className="onboarding-settings">
        <li className="field">
          <label htmlFor={ids.autoLock} className="field-label">
            {t('firstRun.autoLockLabel')}
          </label>
          <select
            id={ids.autoLock}
            value={settings.autoLockMinutes}
            onChange={(event) => onChange({ autoLockMinutes: Number(event.target.value) })}
          >
            {AUTO_LOCK_CHOICES.map((minutes) => (
              <option key={minutes} value={minutes}>
                {t('settings:autoLock.minutes', { count: minutes })}
              </option>
            ))}
          </select>
        </li>
        <li className="field">
          <section aria-labelledby={ids.panic}>
            <h2 id={ids.panic} className="field-label">
              {t('firstRun.panicQuestion')}
            </h2>
            <p className="hint">{t('firstRun.panicChoiceHint')}</p>
            <ShortcutChooser
              current={settings.panicShortcut}
              lockShortcut={settings.lockShortcut}
              platform={platform}
              busy={false}
              onSave={(panicShortcut) => onChange({ panicShortcut, panicShortcutNotice: null })}
            />
          </section>
        </li>
        <li className="field">
          <div className="check-row">
            <input
              id={ids.hidden}
              type="checkbox"
              checked={settings.lockOnHide}
              onChange={(event) => onChange({ lockOnHide: event.target.checked })}
            />
            <div>
              <label htmlFor={ids.hidden}>{t('firstRun.lockOnHideLabel')}</label>
              <p className="hint">{t('firstRun.lockOnHideHint')}</p>
            </div>
          </div>
        </li>
      </ol>
      <p className="hint">{t('firstRun.duressLater')}</p>
      <details className="onboarding-restore">
        <summary>{t('firstRun.restoreSummary')}</summary>
        <p className="hint">{t('firstRun.restoreHint')}</p>
        <RestoreBackup noteCount={0} notify={setRestored} onRestored={() => undefined} />
        {restored && (
          <p className="panel panel-ok" role="status">
            {restored}
          </p>
        )}
      </details>
      <div className="actions">
        <button type="button" className="button-primary" onClick={onDone}>
          {t('firstRun.finish')}
        </button>
      </div>
    </>
  );
}
