import { formatAccelerator } from '../../../../shared/panicShortcut';
import * as Switch from '@radix-ui/react-switch';
import type { ReactElement } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import type { Settings, SettingsPatch, Theme } from '../../../../shared/settings';
import { AUTO_LOCK_CHOICES, LANGUAGES, THEMES } from '../../../../shared/settings';
import { applyTheme } from '../../app/theme';
import { changeDisguise, changeLanguage } from '../../i18n';
import { api, UiError, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { LANGUAGE_NAMES } from './languageNames';
import { RecoveryCodeSetting } from '../recovery/RecoveryCodeSetting';
import { ChangePassphrase } from './ChangePassphrase';
import { DisguiseSetting } from './DisguiseSetting';

interface Props {
  info: ResponseOf<'app:bootstrap'>;
  settings: Settings;
  onChange: (settings: Settings) => void;
  notify: (message: string) => void;
}

export function SettingsScreen({ info, settings, onChange, notify }: Props): ReactElement {
  const { t } = useTranslation('settings');
  const [error, setError] = useState<UiError | null>(null);
  const ids = { autoLock: useId(), contentProtection: useId(), lockOnHide: useId() };

  const save = async (patch: SettingsPatch): Promise<void> => {
    try {
      const next = await unwrap(api().settings.update(patch));
      setError(null);
      if (patch.language) await changeLanguage(patch.language);
      if (patch.theme) applyTheme(patch.theme);
      if (patch.disguise) await changeDisguise(patch.disguise);
      onChange(next);
    } catch (caught: unknown) {
      setError(caught instanceof UiError ? caught : new UiError({ code: 'ipc/unexpected', params: {} }));
    }
  };

  const language = settings.language ?? info.systemLanguage;

  return (
    <section className="screen" aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {t('title')}
      </h1>
      <p className="lede">{t('intro')}</p>
      {error && <ErrorMessage error={error} />}

      <fieldset className="card field-group">
        <legend>{t('language.label')}</legend>
        <p className="hint">{t('language.hint')}</p>
        <div className="choice-row">
          {LANGUAGES.map((lng) => (
            <label key={lng} className="choice" lang={lng}>
              <input
                type="radio"
                name="language"
                value={lng}
                checked={language === lng}
                onChange={() => void save({ language: lng })}
              />
              <span>{LANGUAGE_NAMES[lng]}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="card field-group">
        <legend>{t('theme.label')}</legend>
        <div className="choice-row">
          {THEMES.map((theme: Theme) => (
            <label key={theme} className="choice">
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={settings.theme === theme}
                onChange={() => void save({ theme })}
              />
              <span>{t(`theme.${theme}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="card field-group">
        <label htmlFor={ids.autoLock} className="field-label">
          {t('autoLock.label')}
        </label>
        {/* powerMonitor has no lock-screen event on Linux: do not claim lock-on-screen-lock there. */}
        <p className="hint">{t(info.platform === 'linux' ? 'autoLock.hintLinux' : 'autoLock.hint')}</p>
        <select
          id={ids.autoLock}
          value={settings.autoLockMinutes}
          onChange={(event) => void save({ autoLockMinutes: Number(event.target.value) })}
        >
          {AUTO_LOCK_CHOICES.map((minutes) => (
            <option key={minutes} value={minutes}>
              {t('autoLock.minutes', { count: minutes })}
            </option>
          ))}
        </select>

        <div className="switch-row">
          <Switch.Root
            id={ids.lockOnHide}
            className="switch"
            checked={settings.lockOnHide}
            onCheckedChange={(checked) => void save({ lockOnHide: checked })}
          >
            <Switch.Thumb className="switch-thumb" />
          </Switch.Root>
          <label htmlFor={ids.lockOnHide}>{t('lockOnHide.label')}</label>
        </div>
      </div>

      <div className="card field-group">
        <div className="switch-row">
          <Switch.Root
            id={ids.contentProtection}
            className="switch"
            checked={settings.contentProtection}
            onCheckedChange={(checked) => void save({ contentProtection: checked })}
          >
            <Switch.Thumb className="switch-thumb" />
          </Switch.Root>
          <label htmlFor={ids.contentProtection}>{t('contentProtection.label')}</label>
        </div>
        <p className="hint">{t('contentProtection.hint')}</p>
      </div>

      <DisguiseSetting
        value={settings.disguise}
        language={language}
        onChange={(disguise) => void save({ disguise })}
      />

      <ChangePassphrase notify={notify} />
      <RecoveryCodeSetting notify={notify} />

      <div className="card field-group">
        <h2>{t('shortcuts.title')}</h2>
        <dl className="shortcut-list">
          <dt>{t('shortcuts.lock')}</dt>
          <dd>
            <kbd>{formatAccelerator(settings.lockShortcut, info.platform)}</kbd>
          </dd>
          <dt>{t('shortcuts.panic')}</dt>
          <dd>
            {settings.panicShortcut === null ? (
              t('panic:shortcut.off')
            ) : (
              <kbd>{formatAccelerator(settings.panicShortcut, info.platform)}</kbd>
            )}
          </dd>
        </dl>
      </div>

      <div className="card field-group">
        <h2>{t('about.title')}</h2>
        <p>{t('about.version', { version: info.version })}</p>
        <p>{t('about.offline')}</p>
        <p className="hint">{t('about.licence')}</p>
      </div>
    </section>
  );
}
