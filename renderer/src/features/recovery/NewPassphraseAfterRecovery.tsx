import type { FormEvent, ReactElement } from 'react';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { NewPassphraseFields } from '../lock/NewPassphraseFields';
import type { Strength } from '../lock/StrengthMeter';
import { RecoveryCodeShown } from './RecoveryCodeShown';

interface Props {
  onDone: () => void;
  onLock: () => void;
}

/**
 * After opening with the recovery code: a new passphrase before anything else. Main refuses every
 * notebook channel until it is set, so this screen is the only way on. Setting it rotates the
 * master key, which replaces the used code: the new one is shown here, once.
 */
export function NewPassphraseAfterRecovery({ onDone, onLock }: Props): ReactElement {
  const { t } = useTranslation('recovery');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [strength, setStrength] = useState<Strength | null>(null);
  const [groups, setGroups] = useState<string[] | null>(null);
  const { busy, error, run } = useAction();
  const onStrength = useCallback((s: Strength | null) => setStrength(s), []);
  const canSubmit =
    !busy && next.length > 0 && next === repeat && strength !== null && strength.verdict !== 'refused';

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!canSubmit) return;
    const result = await run(() => unwrap(api().vault.setPassphraseAfterRecovery({ next })));
    if (!result) return;
    setNext('');
    setRepeat('');
    if (result.recoveryCode) setGroups(result.recoveryCode);
    else onDone();
  };

  if (groups)
    return (
      <main className="center-screen" id="content">
        <section className="card onboarding-card" aria-labelledby="recovered-code-title">
          <h1 id="recovered-code-title" tabIndex={-1} ref={(el) => el?.focus()}>
            {t('sheet.listLabel')}
          </h1>
          <p role="status">{t('after.newCode')}</p>
          <RecoveryCodeShown
            groups={groups}
            onConfirmed={() => {
              setGroups(null);
              onDone();
            }}
          />
        </section>
      </main>
    );

  return (
    <main className="center-screen" id="content">
      <form
        className="card onboarding-card"
        onSubmit={(event) => void submit(event)}
        aria-labelledby="recovered-title"
      >
        <h1 id="recovered-title">{t('after.title')}</h1>
        <p>{t('after.lede')}</p>
        <NewPassphraseFields
          labels={{ next: t('after.next'), repeat: t('after.repeat') }}
          next={next}
          repeat={repeat}
          onNext={setNext}
          onRepeat={setRepeat}
          onStrength={onStrength}
          autoFocus
        />
        <p className="hint">{t('after.keeps')}</p>
        {error && <ErrorMessage error={error} />}
        <div className="actions">
          <button type="button" className="button-secondary" onClick={onLock} disabled={busy}>
            {t('after.lock')}
          </button>
          <button type="submit" className="button-primary" disabled={!canSubmit}>
            {busy ? t('after.saving') : t('after.submit')}
          </button>
        </div>
      </form>
    </main>
  );
}
