import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { DISGUISES, disguiseName } from '../../../../shared/disguise';
import type { Disguise } from '../../../../shared/disguise';
import type { Language } from '../../../../shared/settings';

/** Choosing the plain name the app goes by (shared/disguise.ts), with what it cannot hide. */
export function DisguiseSetting({
  value,
  language,
  onChange,
}: {
  value: Disguise;
  language: Language;
  onChange: (next: Disguise) => void;
}): ReactElement {
  const { t } = useTranslation('settings');
  return (
    <fieldset className="card field-group">
      <legend>{t('disguise.title')}</legend>
      <p className="hint">{t('disguise.hint')}</p>
      <div className="choice-column">
        {DISGUISES.map((option) => (
          <label key={option} className="choice">
            <input
              type="radio"
              name="disguise"
              value={option}
              checked={value === option}
              onChange={() => onChange(option)}
            />
            <span>{option === 'off' ? t('disguise.off') : disguiseName(option, language)}</span>
          </label>
        ))}
      </div>
      <p className="hint">{t('disguise.cannot')}</p>
    </fieldset>
  );
}
