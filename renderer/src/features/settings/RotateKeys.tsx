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
 * "I think my passphrase was seen": a new master key (every file re-encrypted, old files
 * overwritten) and a new passphrase in one step, since new keys behind a known passphrase would
 * protect nothing.
 */
export function RotateKeys({ notify }: { notify: (message: string) => void }): ReactElement {
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
      unwrap(api().vault.rotateKeys({ current: values.current, next: values.next })),
    );
    setProgress(null);
    if (!result) return;
    reset();
    notify(t('rotate.done'));
    if (result.recoveryCode) setGroups(result.recoveryCode);
    else setOpen(false);
  };

  const canSubmit = !busy && canSubmitChange(values, strength);

  return (
    <div className="card field-group">
      <h2>{t('rotate.title')}</h2>
      <p className="hint">{t('rotate.hint')}</p>
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
            {t('rotate.open')}
          </button>
        </Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="dialog-overlay" />
          <Dialog.Content className="dialog" aria-describedby={undefined}>
            <Dialog.Title>{t('rotate.title')}</Dialog.Title>
            {groups ? (
              <>
                <p role="status">{t('rotate.newCodeHint')}</p>
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
                  labels={{ current: 'rotate.current', next: 'rotate.next', repeat: 'rotate.repeat' }}
                  values={values}
                  onChange={setValues}
                  onStrength={onStrength}
                />
                {error && <ErrorMessage error={error} />}
                {busy && (
                  <div role="status">
                    {progress && progress.total > 0 ? (
                      <>
                        {t('rotate.working', { done: progress.done, total: progress.total })}
                        <progress max={progress.total} value={progress.done} aria-label={t('rotate.title')} />
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
                    {t('rotate.submit')}
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
