import type { FormEvent, ReactElement } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { acceleratorFromKeys, formatAccelerator } from '../../../../shared/panicShortcut';
import { api, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { PassphraseInput } from '../lock/PassphraseInput';
import { PanicButton } from './PanicButton';
import type { Outcome } from './PracticeOutcome';
import { PracticeOutcome } from './PracticeOutcome';

interface Props {
  shortcut: string | null;
  duressSet: boolean;
  platform: string;
  notify: (message: string) => void;
}

/**
 * Practising the real triggers: the person's own shortcut, their own duress
 * passphrase at a lock screen, the button with its confirmation and countdown. Each runs the real
 * panic plan on a disposable copy in main; the real notebook stays as it is.
 */
export function PracticeDrill({ shortcut, duressSet, platform, notify }: Props): ReactElement {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const action = useAction();

  const practiseButton = async (): Promise<void> => {
    const result = await action.run(() => unwrap(api().panic.practiceButton({})));
    if (result) setOutcome(result);
  };

  return (
    <div className="panic-practice-grid">
      <ShortcutPractice shortcut={shortcut} platform={platform} onOutcome={setOutcome} />
      <DuressPractice duressSet={duressSet} onOutcome={setOutcome} />
      <PanicButton notify={notify} practise={practiseButton} />
      {action.error && <ErrorMessage error={action.error} />}
      {outcome && <PracticeOutcome outcome={outcome} />}
    </div>
  );
}

function ShortcutPractice({
  shortcut,
  platform,
  onOutcome,
}: {
  shortcut: string | null;
  platform: string;
  onOutcome: (outcome: Outcome) => void;
}): ReactElement {
  const { t } = useTranslation('panic');
  const [armedFor, setArmedFor] = useState<number | null>(null);
  const [expired, setExpired] = useState(false);
  const arm = useAction();
  const armed = armedFor !== null;

  useEffect(() => {
    if (!armed) return;
    // The outcome comes from main: in the desktop app the OS hands the press to main, not to the page.
    const stop = api().events.practised((result) => {
      setArmedFor(null);
      onOutcome(result);
    });
    // The browser preview has no global shortcut: the page reports what it saw (main checks it).
    const onKey = (event: KeyboardEvent): void => {
      const pressed = acceleratorFromKeys(event, platform);
      if (pressed === null || pressed !== shortcut) return;
      event.preventDefault();
      void api().panic.practiceKeysSeen({ accelerator: pressed });
    };
    window.addEventListener('keydown', onKey, true);
    // Main stops waiting after the window it announced; the screen says so rather than hang.
    const timer = window.setTimeout(() => {
      setArmedFor(null);
      setExpired(true);
    }, armedFor * 1000);
    return () => {
      stop();
      window.removeEventListener('keydown', onKey, true);
      window.clearTimeout(timer);
    };
  }, [armed, armedFor, platform, shortcut, onOutcome]);

  // Leaving the screen mid-practice must not leave the real shortcut practising.
  useEffect(
    () => () => {
      if (armed) void api().panic.practiceShortcut({ armed: false });
    },
    [armed],
  );

  const start = async (): Promise<void> => {
    setExpired(false);
    const result = await arm.run(() => unwrap(api().panic.practiceShortcut({ armed: true })));
    if (result) setArmedFor(result.armedForSeconds);
  };
  const stop = async (): Promise<void> => {
    await arm.run(() => unwrap(api().panic.practiceShortcut({ armed: false })));
    setArmedFor(null);
  };

  return (
    <section className="card panic-practice" aria-labelledby="panic-practice-shortcut-title">
      <h2 id="panic-practice-shortcut-title">{t('practice.shortcut.title')}</h2>
      {shortcut === null ? (
        <p className="hint">{t('practice.shortcut.off')}</p>
      ) : armed ? (
        <>
          <p className="panic-practice-now" role="status">
            {t('practice.shortcut.pressNow')}{' '}
            <kbd className="panic-kbd">{formatAccelerator(shortcut, platform)}</kbd>
          </p>
          <p className="hint">{t('practice.shortcut.window', { count: armedFor })}</p>
          <button type="button" className="button-secondary" onClick={() => void stop()}>
            {t('practice.shortcut.stop')}
          </button>
        </>
      ) : (
        <>
          <p className="hint">{t('practice.shortcut.hint')}</p>
          {expired && <p className="alert alert-warn">{t('practice.shortcut.expired')}</p>}
          <button type="button" className="button-primary" disabled={arm.busy} onClick={() => void start()}>
            {t('practice.shortcut.start')}
          </button>
        </>
      )}
      {arm.error && <ErrorMessage error={arm.error} />}
    </section>
  );
}

function DuressPractice({
  duressSet,
  onOutcome,
}: {
  duressSet: boolean;
  onOutcome: (outcome: Outcome) => void;
}): ReactElement {
  const { t } = useTranslation('panic');
  const [passphrase, setPassphrase] = useState('');
  const unlock = useAction();

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (passphrase.length === 0) return;
    const result = await unlock.run(() => unwrap(api().panic.practiceUnlock({ passphrase })));
    setPassphrase('');
    if (result) onOutcome(result);
  };

  return (
    <section className="card panic-practice" aria-labelledby="panic-practice-duress-title">
      <h2 id="panic-practice-duress-title">{t('practice.duress.title')}</h2>
      {duressSet ? (
        <form className="panic-practice-lock" onSubmit={(event) => void submit(event)}>
          <p className="hint">{t('practice.duress.hint')}</p>
          <PassphraseInput
            label={t('practice.duress.label')}
            value={passphrase}
            onChange={setPassphrase}
            autoComplete="off"
          />
          <button type="submit" className="button-primary" disabled={unlock.busy || passphrase.length === 0}>
            {unlock.busy ? t('practice.running') : t('practice.duress.unlock')}
          </button>
          {unlock.busy && <progress className="progress" aria-label={t('practice.running')} />}
        </form>
      ) : (
        <p className="hint">{t('practice.duress.notSet')}</p>
      )}
      {unlock.error && <ErrorMessage error={unlock.error} />}
    </section>
  );
}
