import * as Dialog from '@radix-ui/react-dialog';
import type { FormEvent, ReactElement } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { PassphraseInput } from '../lock/PassphraseInput';
import { RecoveryCodeShown } from './RecoveryCodeShown';

/** Where the checklist's "make a recovery code" item leads (Shell focuses this id). */
export const RECOVERY_SETTING_ID = 'recovery-code';

/**
 * Settings → Recovery code: a code skipped at first run, or a new one replacing a code that may
 * have been seen. The passphrase is asked again: a person who walked away from an unlocked
 * notebook must not come back to a code minted by someone else, which would outlive a passphrase change.
 */
export function RecoveryCodeSetting({ notify }: { notify: (message: string) => void }): ReactElement {
  const { t } = useTranslation('recovery');
  const [created, setCreated] = useState<boolean | null>(null);
  const [open, setOpen] = useState(false);
  const [current, setCurrent] = useState('');
  const [groups, setGroups] = useState<string[] | null>(null);
  const { busy, error, run, clearError } = useAction();

  const refresh = (): void => {
    void unwrap(api().vault.info({})).then((info) => setCreated(info.recoveryCodeCreated));
  };
  useEffect(refresh, []);

  const close = (): void => {
    setOpen(false);
    setCurrent('');
    setGroups(null);
    clearError();
    refresh();
  };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const made = await run(() => unwrap(api().vault.createRecoveryCode({ current })));
    setCurrent('');
    if (made) setGroups(made.recoveryCode);
  };

  return (
    <div className="card field-group" id={RECOVERY_SETTING_ID} tabIndex={-1}>
      <h2>{t('setting.title')}</h2>
      {created !== null && (
        <p className={created ? 'hint' : 'alert alert-warn'}>
          {created ? t('vault:recovery.created') : t('vault:recovery.missing')}
        </p>
      )}
      <Dialog.Root open={open} onOpenChange={(value) => (value ? setOpen(true) : close())}>
        <Dialog.Trigger asChild>
          <button type="button" className="button-secondary">
            {created ? t('setting.replace') : t('setting.make')}
          </button>
        </Dialog.Trigger>
        <Dialog.Portal>
          <Dialog.Overlay className="dialog-overlay" />
          <Dialog.Content
            className="dialog"
            aria-describedby={undefined}
            // Once the code is on screen it exists: closing by accident would hide it unwritten.
            onEscapeKeyDown={(event) => groups !== null && event.preventDefault()}
            onPointerDownOutside={(event) => groups !== null && event.preventDefault()}
          >
            <Dialog.Title>{t('setting.dialogTitle')}</Dialog.Title>
            {groups === null ? (
              <form onSubmit={(event) => void submit(event)}>
                <p>{created ? t('setting.replaceHint') : t('setting.makeHint')}</p>
                <PassphraseInput
                  label={t('setting.current')}
                  value={current}
                  onChange={setCurrent}
                  autoFocus
                  autoComplete="current-password"
                />
                {error && <ErrorMessage error={error} />}
                <div className="actions">
                  <Dialog.Close asChild>
                    <button type="button" className="button-secondary">
                      {t('common:actions.cancel')}
                    </button>
                  </Dialog.Close>
                  <button type="submit" className="button-primary" disabled={busy || !current}>
                    {busy ? t('setting.making') : t('setting.submit')}
                  </button>
                </div>
              </form>
            ) : (
              <RecoveryCodeShown
                groups={groups}
                onConfirmed={() => {
                  close();
                  notify(t('setting.done'));
                }}
              />
            )}
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
    </div>
  );
}
