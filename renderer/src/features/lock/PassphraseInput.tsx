import type { ReactElement } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoFocus?: boolean;
  autoComplete?: 'current-password' | 'new-password' | 'off';
  describedBy?: string;
  name?: string;
}

/** A passphrase field with a show/hide toggle; never spell-checked, never auto-filled. */
export function PassphraseInput({
  label,
  value,
  onChange,
  autoFocus,
  autoComplete = 'off',
  describedBy,
  name,
}: Props): ReactElement {
  const { t } = useTranslation('vault');
  const id = useId();
  const [visible, setVisible] = useState(false);
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="passphrase-row">
        <input
          id={id}
          name={name}
          type={visible ? 'text' : 'password'}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          // A frightened person should land in the field; this is the screen's one purpose.
          // eslint-disable-next-line jsx-a11y/no-autofocus -- single-field screens (lock, first run)
          autoFocus={autoFocus}
          autoComplete={autoComplete}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          aria-describedby={describedBy}
        />
        {/* One short visible word leaves the field its width (in ru/uk the full label took half
            the row at 1024×700); the name read aloud still says what is shown. */}
        <button
          type="button"
          className="button-quiet"
          aria-pressed={visible}
          aria-label={visible ? t('lock.hide') : t('lock.show')}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? t('lock.hideShort') : t('lock.showShort')}
        </button>
      </div>
    </div>
  );
}
