import type { FormEvent, ReactElement } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DECOY_NOTE_KEYS } from '../../../../shared/ipc/panic';
import { api, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { PassphraseInput } from '../lock/PassphraseInput';

const TOO_CLOSE_REASONS = ['contains', 'edit-distance', 'keyboard-layout'] as const;

interface Props {
  duressSet: boolean;
  onChanged: () => void;
  notify: (message: string) => void;
}

/**
 * The duress passphrase. Asks for the real passphrase (nothing is stored), refuses a
 * duress passphrase within a typo of it — a slip of the finger must never wipe — and can prepare
 * a decoy notebook that opens with the duress passphrase after the wipe.
 */
export function DuressSetup({ duressSet, onChanged, notify }: Props): ReactElement {
  const { t } = useTranslation('panic');
  const [current, setCurrent] = useState('');
  const [duress, setDuress] = useState('');
  const [repeat, setRepeat] = useState('');
  const [withDecoy, setWithDecoy] = useState(true);
  const { busy, error, run, clearError } = useAction();
  const decoyId = useId();
  const mismatch = repeat.length > 0 && repeat !== duress;

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const done = await run(async () => {
      await unwrap(
        api().panic.setUpDuress({
          currentPassphrase: current,
          duressPassphrase: duress,
          ...(withDecoy
            ? {
                decoyNotes: DECOY_NOTE_KEYS.map((key) => ({
                  title: t(`decoy.${key}.title`),
                  body: t(`decoy.${key}.body`),
                })),
              }
            : {}),
        }),
      );
      return true;
    });
    setCurrent('');
    if (done) {
      setDuress('');
      setRepeat('');
      notify(t('duress.saved'));
      onChanged();
    }
  };

  const remove = async (): Promise<void> => {
    const done = await run(async () => {
      await unwrap(api().panic.removeDuress({}));
      return true;
    });
    if (done) {
      notify(t('duress.removed'));
      onChanged();
    }
  };

  const tooCloseReason =
    error?.payload.code === 'panic/duress-too-close'
      ? TOO_CLOSE_REASONS.find((r) => r === error.payload.params.reason)
      : undefined;

  if (duressSet) {
    return (
      <div>
        <p className="panel panel-ok">{t('duress.isSet')}</p>
        {error && <ErrorMessage error={error} />}
        <div className="actions">
          <button type="button" className="button-secondary" disabled={busy} onClick={() => void remove()}>
            {t('duress.remove')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <form onSubmit={(event) => void submit(event)} aria-label={t('duress.formLabel')}>
      <PassphraseInput
        label={t('duress.current')}
        value={current}
        onChange={(value) => {
          setCurrent(value);
          clearError();
        }}
        autoComplete="current-password"
      />
      <PassphraseInput
        label={t('duress.new')}
        value={duress}
        onChange={(value) => {
          setDuress(value);
          clearError();
        }}
        autoComplete="new-password"
      />
      <PassphraseInput
        label={t('duress.repeat')}
        value={repeat}
        onChange={(value) => {
          setRepeat(value);
          clearError();
        }}
        autoComplete="new-password"
      />
      {mismatch && <p className="field-error">{t('duress.mismatch')}</p>}
      <div className="check-row">
        <input
          id={decoyId}
          type="checkbox"
          checked={withDecoy}
          onChange={(event) => setWithDecoy(event.target.checked)}
        />
        <label htmlFor={decoyId}>{t('duress.withDecoy')}</label>
      </div>
      {withDecoy && (
        <p className="hint">
          {t('duress.decoyHint', {
            titles: DECOY_NOTE_KEYS.map((key) =>
              t('duress.decoyNoteTitle', { title: t(`decoy.${key}.title`) }),
            ).join(', '),
          })}
        </p>
      )}
      {error && <ErrorMessage error={error} />}
      {tooCloseReason && <p className="hint">{t(`duress.tooClose.${tooCloseReason}`)}</p>}
      <div className="actions">
        <button
          type="submit"
          className="button-primary"
          disabled={busy || !current || !duress || repeat !== duress}
        >
          {busy ? t('duress.saving') : t('duress.save')}
        </button>
      </div>
    </form>
  );
}
