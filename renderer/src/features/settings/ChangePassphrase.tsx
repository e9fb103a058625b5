import * as Dialog from '@radix-ui/react-dialog';
import type { FormEvent, ReactElement } from 'react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import type { Strength } from '../lock/StrengthMeter';
import {
  PassphraseChangeFields,
  canSubmitChange,
  type PassphraseChangeValues,
} from './PassphraseChangeFields';

const EMPTY: PassphraseChangeValues = { current: '', next: '', repeat: '' };

/** Change passphrase rewraps the master key only (issue 3 §2). The recovery code has its own card. */
export function ChangePassphrase({ notify }: { notify: (message: string) => void }): ReactElement {
  const { t } = useTranslation('vault');
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<PassphraseChangeValues>(EMPTY);
  const [strength, setStrength] = useState<Strength | null>(null);
  const { busy, error, run, clearError } = useAction();
  const onStrength = useCallback((s: Strength | null) => setStrength(s), []);

  const reset = (): void => {
    setValues(EMPTY);
    clearError();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const done = await run(async () => {
      await unwrap(api().vault.changePassphrase({ current: values.current, next: values.next }));
      return true;
    });
    if (done) {
      reset();
      setOpen(false);
      notify(t('change.done'));
    }
  };

  const canSubmit = !busy && canSubmitChange(values, strength);

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
              <PassphraseChangeFields
                labels={{ current: 'change.current', next: 'change.next', repeat: 'change.repeat' }}
                values={values}
                onChange={setValues}
                onStrength={onStrength}
              />
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
