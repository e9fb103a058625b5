import type { ReactElement } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PassphraseInput } from '../lock/PassphraseInput';
import type { Strength } from '../lock/StrengthMeter';
import { StrengthMeter } from '../lock/StrengthMeter';

export interface PassphraseChangeValues {
  current: string;
  next: string;
  repeat: string;
}

interface Props {
  /** The dialog's i18n keys for the three labels (vault namespace). */
  labels: { current: string; next: string; repeat: string };
  values: PassphraseChangeValues;
  onChange: (values: PassphraseChangeValues) => void;
  onStrength: (strength: Strength | null) => void;
}

/** Current passphrase, the new one with its strength meter, and the repeat: both Settings dialogs. */
export function PassphraseChangeFields({ labels, values, onChange, onStrength }: Props): ReactElement {
  const { t } = useTranslation('vault');
  const meterId = useId();
  const set = (patch: Partial<PassphraseChangeValues>): void => onChange({ ...values, ...patch });
  return (
    <>
      <PassphraseInput
        label={t(labels.current)}
        value={values.current}
        onChange={(current) => set({ current })}
        autoComplete="current-password"
      />
      <PassphraseInput
        label={t(labels.next)}
        value={values.next}
        onChange={(next) => set({ next })}
        autoComplete="new-password"
        describedBy={meterId}
      />
      <StrengthMeter passphrase={values.next} onStrength={onStrength} id={meterId} />
      <PassphraseInput
        label={t(labels.repeat)}
        value={values.repeat}
        onChange={(repeat) => set({ repeat })}
        autoComplete="new-password"
      />
      {values.repeat && values.next !== values.repeat && (
        <p className="field-error" role="alert">
          {t('firstRun.mismatch')}
        </p>
      )}
    </>
  );
}

/** Whether the three fields allow a submit: all filled, the repeat matches, the meter did not refuse. */
export function canSubmitChange(values: PassphraseChangeValues, strength: Strength | null): boolean {
  return (
    values.current !== '' &&
    values.next !== '' &&
    values.next === values.repeat &&
    strength !== null &&
    strength.verdict !== 'refused'
  );
}
