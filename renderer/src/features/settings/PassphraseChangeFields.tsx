import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { PassphraseInput } from '../lock/PassphraseInput';
import type { Strength } from '../lock/StrengthMeter';
import { NewPassphraseFields } from '../lock/NewPassphraseFields';

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
  const set = (patch: Partial<PassphraseChangeValues>): void => onChange({ ...values, ...patch });
  return (
    <>
      <PassphraseInput
        label={t(labels.current)}
        value={values.current}
        onChange={(current) => set({ current })}
        autoComplete="current-password"
      />
      <NewPassphraseFields
        labels={{ next: t(labels.next), repeat: t(labels.repeat) }}
        next={values.next}
        repeat={values.repeat}
        onNext={(next) => set({ next })}
        onRepeat={(repeat) => set({ repeat })}
        onStrength={onStrength}
      />
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
