import type { FormEvent, ReactElement } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Verifying a team's key is comparing it with what the team published somewhere the card did
 * not come from, so the person types or pastes that here and main compares it with the card's
 * key; there is no "it matches" button to press without looking. Shared by
 * Contact support and the Secure channel, so both use the same words.
 */
export function FingerprintCheck({
  website,
  busy,
  onCompare,
}: {
  /** The website the card itself names: said to prove nothing, since a forged card names its own. */
  website?: string | undefined;
  busy: boolean;
  onCompare: (typed: string) => Promise<void>;
}): ReactElement {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const fieldId = useId();
  const hintId = useId();
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    await onCompare(typed);
  };
  return (
    <form className="fingerprint-check" onSubmit={(event) => void submit(event)}>
      <label htmlFor={fieldId} className="field-label">
        {t('verifyKey.label')}
      </label>
      <p id={hintId} className="hint">
        {t('verifyKey.where')}
        {website && <> {t('verifyKey.cardWebsite', { website })}</>}
      </p>
      <textarea
        id={fieldId}
        className="fingerprint-input"
        rows={2}
        dir="ltr"
        spellCheck={false}
        autoComplete="off"
        aria-describedby={hintId}
        value={typed}
        onChange={(event) => setTyped(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          }
        }}
      />
      <div className="actions actions-start">
        <button type="submit" className="button-primary" disabled={busy || typed.trim() === ''}>
          {t('verifyKey.compare')}
        </button>
      </div>
    </form>
  );
}
