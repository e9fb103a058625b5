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
        <button
          type="button"
          className="button-quiet"
          aria-pressed={visible}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? t('lock.hide') : t('lock.show')}
        </button>
      </div>
    </div>
  );
}
