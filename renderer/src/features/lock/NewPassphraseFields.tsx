import type { ReactElement } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PassphraseInput } from './PassphraseInput';
import type { Strength } from './StrengthMeter';
import { StrengthMeter } from './StrengthMeter';

interface Props {
  /** Translated labels of the two fields. */
  labels: { next: string; repeat: string };
  next: string;
  repeat: string;
  onNext: (value: string) => void;
  onRepeat: (value: string) => void;
  onStrength: (strength: Strength | null) => void;
  autoFocus?: boolean;
}

/**
 * A new passphrase with its strength meter, then the repeat and its mismatch line: first run,
 * after a recovery, and both Settings dialogs, so the four say and check the same thing.
 */
export function NewPassphraseFields(props: Props): ReactElement {
  const { t } = useTranslation('vault');
  const meterId = useId();
  return (
    <>
      <PassphraseInput
        label={props.labels.next}
        value={props.next}
        onChange={props.onNext}
        autoComplete="new-password"
        describedBy={meterId}
        {...(props.autoFocus ? { autoFocus: true } : {})}
      />
      <StrengthMeter passphrase={props.next} onStrength={props.onStrength} id={meterId} />
      <PassphraseInput
        label={props.labels.repeat}
        value={props.repeat}
        onChange={props.onRepeat}
        autoComplete="new-password"
      />
      {props.repeat.length > 0 && props.next !== props.repeat && (
        <p className="field-error" role="alert">
          {t('firstRun.mismatch')}
        </p>
      )}
    </>
  );
}
