import * as Dialog from '@radix-ui/react-dialog';
import type { FormEvent, ReactElement } from 'react';
import { useCallback, useEffect, useState } from 'react';
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
import { RecoveryCodeShown } from '../recovery/RecoveryCodeShown';

const EMPTY: PassphraseChangeValues = { current: '', next: '', repeat: '' };

/**
 * A new passphrase always comes with a new master key (every file re-encrypted, old files
 * overwritten): the same step serves "I think my passphrase was seen", and an old copy of the disk
 * plus the old passphrase opens nothing written afterwards.
 */
export function ChangePassphrase({ notify }: { notify: (message: string) => void }): ReactElement {
  const { t } = useTranslation('vault');
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<PassphraseChangeValues>(EMPTY);
  const [strength, setStrength] = useState<Strength | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [groups, setGroups] = useState<string[] | null>(null);
  const { busy, error, run, clearError } = useAction();
  const onStrength = useCallback((s: Strength | null) => setStrength(s), []);

  useEffect(() => api().events.rotationProgress((p) => setProgress(p)), []);

  const reset = (): void => {
    setValues(EMPTY);
    setProgress(null);
    clearError();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await run(() =>
      unwrap(api().vault.changePassphrase({ current: values.current, next: values.next })),
    );
    setProgress(null);
    if (!result) return;
    reset();
    notify(t('change.done'));
    if (result.recoveryCode) setGroups(result.recoveryCode);
    else setOpen(false);
  };

  const canSubmit = !busy && canSubmitChange(values, strength);

  return (
    <div className="card field-group">
      <h2>{t('change.title')}</h2>
      <p className="hint">{t('change.hint')}</p>
      <Dialog.Root
        open={open}
        onOpenChange={(value) => {
          // The one showing of a new recovery code is not dismissed by a stray Escape.
          if (!value && (busy || groups)) return;
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
            {groups ? (
              <>
                <p role="status">{t('change.newCodeHint')}</p>
                <RecoveryCodeShown
                  groups={groups}
                  onConfirmed={() => {
                    setGroups(null);
                    setOpen(false);
                  }}
                />
              </>
            ) : (
              <form onSubmit={(event) => void submit(event)}>
                <PassphraseChangeFields
                  labels={{ current: 'change.current', next: 'change.next', repeat: 'change.repeat' }}
                  values={values}
                  onChange={setValues}
                  onStrength={onStrength}
                />
                {error && <ErrorMessage error={error} />}
                {busy && (
                  <div role="status">
                    {progress && progress.total > 0 ? (
                      <>
                        {t('change.working', { done: progress.done, total: progress.total })}
                        <progress max={progress.total} value={progress.done} aria-label={t('change.title')} />
                      </>
                    ) : (
                      <div className="progress" aria-hidden="true" />
                    )}
                  </div>
                )}
                <div className="actions">
                  <Dialog.Close asChild>
                    <button type="button" className="button-secondary" disabled={busy}>
                      {t('common:actions.cancel')}
                    </button>
                  </Dialog.Close>
                  <button type="submit" className="button-primary" disabled={!canSubmit}>
                    {t('change.submit')}
                  </button>
                </div>
              </form>
            )}
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </div>
  );
}
