import type { ReactElement } from 'react';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { parseRecoveryInput, recoveryInputProblem } from '../../../../shared/recoveryCode';
import { UiError } from '../../ipc/tikho';
import './recovery.css';

/**
 * The typed code checked here first, so "group 4 looks mistyped" appears at once instead of after
 * Argon2id; main checks again whatever arrives (the renderer is untrusted).
 */
export function typedCodeProblem(typed: string): UiError | null {
  const problem = recoveryInputProblem(parseRecoveryInput(typed));
  return problem ? new UiError(problem) : null;
}

interface Props {
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  errorId?: string;
}

/** One field for the ten digit groups (or an older notebook's 12 words); Enter submits. */
export function RecoveryCodeField({ value, onChange, invalid, errorId }: Props): ReactElement {
  const { t } = useTranslation('recovery');
  const fieldId = useId();
  const hintId = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  // The field appears when the person asks for it ("I forgot my passphrase"): focus goes there.
  useEffect(() => field.current?.focus(), []);
  return (
    <div className="field recovery-field">
      <label htmlFor={fieldId} className="field-label">
        {t('entry.label')}
      </label>
      <p className="hint" id={hintId}>
        {t('entry.hint')}
      </p>
      <textarea
        id={fieldId}
        rows={2}
        value={value}
        spellCheck={false}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        ref={field}
        aria-invalid={invalid || undefined}
        aria-describedby={[hintId, invalid ? errorId : undefined].filter(Boolean).join(' ')}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => {
          // Enter unlocks, as in the passphrase field; the code needs no line breaks.
          if (event.key === 'Enter' && !event.shiftKey) {
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          }
        }}
      />
    </div>
  );
}
