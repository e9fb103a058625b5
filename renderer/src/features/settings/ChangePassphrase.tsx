import * as Dialog from '@radix-ui/react-dialog';
import type { FormEvent, ReactElement } from 'react';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { PassphraseInput } from '../lock/PassphraseInput';
import type { Strength } from '../lock/StrengthMeter';
import { StrengthMeter } from '../lock/StrengthMeter';

/** Change passphrase rewraps the master key only (issue 3 §2). The recovery code has its own card. */
export function ChangePassphrase({ notify }: { notify: (message: string) => void }): ReactElement {
  const { t } = useTranslation('vault');
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [strength, setStrength] = useState<Strength | null>(null);
  const { busy, error, run, clearError } = useAction();
  const meterId = useId();
  const onStrength = useCallback((s: Strength | null) => setStrength(s), []);

  const reset = (): void => {
    setCurrent('');
    setNext('');
    setRepeat('');
    clearError();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const done = await run(async () => {
      await unwrap(api().vault.changePassphrase({ current, next }));
      return true;
    });
    if (done) {
      reset();
      setOpen(false);
      notify(t('change.done'));
    }
  };

  const canSubmit =
    !busy && current && next && next === repeat && strength !== null && strength.verdict !== 'refused';

  return (
    <div className="card field-group">
      <h2>{t('change.title')}</h2>
      <p className="hint">{t('change.hint')}</p>
      <Dialog.Root
        open={open}
        onOpenChange={(value) => {
          setOpen(value);
          if (!value) reset();
        }}
      >
        <Dialog.Trigger asChild>
          <button type="button" className="button-secondary">
            {t('change.open')}
          </button>
        </Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="dialog-overlay" />
          <Dialog.Content className="dialog" aria-describedby={undefined}>
            <Dialog.Title>{t('change.title')}</Dialog.Title>
            <form onSubmit={(event) => void submit(event)}>
              <PassphraseInput
                label={t('change.current')}
                value={current}
                onChange={setCurrent}
                autoComplete="current-password"
              />
              <PassphraseInput
                label={t('change.next')}
                value={next}
                onChange={setNext}
                autoComplete="new-password"
                describedBy={meterId}
              />
              <StrengthMeter passphrase={next} onStrength={onStrength} id={meterId} />
              <PassphraseInput
                label={t('change.repeat')}
                value={repeat}
                onChange={setRepeat}
                autoComplete="new-password"
              />
              {repeat && next !== repeat && (
                <p className="field-error" role="alert">
                  {t('firstRun.mismatch')}
                </p>
              )}
              {error && <ErrorMessage error={error} />}
              <div className="actions">
                <Dialog.Close asChild>
                  <button type="button" className="button-secondary">
                    {t('common:actions.cancel')}
                  </button>
                </Dialog.Close>
                <button type="submit" className="button-primary" disabled={!canSubmit}>
                  {t('change.submit')}
                </button>
              </div>
            </form>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </div>
  );
}
