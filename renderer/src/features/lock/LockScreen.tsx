import type { FormEvent, ReactElement } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../../shared/ipc/contract';
import { api, UiError, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Icon } from '../../ui/icons';
import { useAction } from '../../ui/useAction';
import { RecoveryCodeField, typedCodeProblem } from '../recovery/RecoveryCodeField';
import { PassphraseInput } from './PassphraseInput';

interface Props {
  reason: EventPayload<'events:locked'>['reason'] | null;
  onUnlocked: () => void;
  /** No notebook behind this screen any more (a wipe): the app shows its first run. */
  onVaultGone?: () => void;
}

/**
 * One passphrase field and nothing that reveals what is inside. A duress passphrase
 * goes into the same field and looks the same.
 */
export function LockScreen({ reason, onUnlocked, onVaultGone }: Props): ReactElement {
  const { t } = useTranslation('vault');
  const [passphrase, setPassphrase] = useState('');
  const [words, setWords] = useState('');
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');
  const { busy, error, run, clearError } = useAction();
  const errorId = useId();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    let gone = false;
    const done = await run(async () => {
      try {
        if (mode === 'passphrase') await unwrap(api().vault.unlock({ passphrase }));
        else {
          // A code that cannot be right is pointed at here, before any unlock attempt.
          const problem = typedCodeProblem(words);
          if (problem) throw problem;
          await unwrap(api().vault.unlockWithRecovery({ code: words }));
        }
      } catch (caught: unknown) {
        if (!(caught instanceof UiError && caught.payload.code === 'vault/not-found')) throw caught;
        gone = true;
        return false;
      }
      return true;
    });
    setPassphrase('');
    // The typed code stays after a refusal so one group can be fixed; it goes once it has opened.
    if (done) setWords('');
    if (gone) onVaultGone?.();
    else if (done) onUnlocked();
  };

  return (
    <main className="center-screen" id="content">
      <form className="card lock-card" onSubmit={(event) => void submit(event)} aria-labelledby="lock-title">
        <div className="lock-icon">
          <Icon name="lock" />
        </div>
        <h1 id="lock-title">{mode === 'passphrase' ? t('lock.title') : t('lock.recoveryTitle')}</h1>
        {/* A lock the person asked for needs no reason: "locked" under "locked" only repeats the title. */}
        {reason && reason !== 'manual' && mode === 'passphrase' && (
          <p className="hint">{t(`lock.lockedBecause.${reason}`)}</p>
        )}
        {mode === 'passphrase' ? (
          <>
            <p className="lede">{t('lock.subtitle')}</p>
            <PassphraseInput
              label={t('lock.passphrase')}
              value={passphrase}
              onChange={(value) => {
                setPassphrase(value);
                clearError();
              }}
              autoFocus
              autoComplete="current-password"
            />
          </>
        ) : (
          <RecoveryCodeField
            value={words}
            onChange={(value) => {
              setWords(value);
              clearError();
            }}
            invalid={error !== null}
            errorId={errorId}
          />
        )}
        {error && (
          <div id={errorId}>
            <ErrorMessage error={error} />
          </div>
        )}
        <button
          type="submit"
          className="button-primary"
          disabled={busy || (mode === 'passphrase' ? !passphrase : !words.trim())}
        >
          {busy ? t('lock.unlocking') : t('lock.unlock')}
        </button>
        <button
          type="button"
          className="button-link"
          onClick={() => {
            clearError();
            setMode(mode === 'passphrase' ? 'recovery' : 'passphrase');
          }}
        >
          {mode === 'passphrase' ? t('lock.useRecovery') : t('lock.usePassphrase')}
        </button>
      </form>
    </main>
  );
}
