import type { ReactElement } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PANIC_COUNTDOWN_SECONDS } from '../../../../shared/ipc/panic';
import { api, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';

type Phase = { kind: 'idle' } | { kind: 'counting'; left: number } | { kind: 'wiping' };

/**
 * The in-app panic button (issue 6 §2): a visible 5-second countdown that ANY key or click
 * cancels, because a false wipe costs a person everything (Duress #36, #13); Ripple's countdown.
 * When it runs out, main wipes and tells the window what to show next (events:wiped).
 */
export function PanicButton({ notify }: { notify: (message: string) => void }): ReactElement {
  const { t } = useTranslation('panic');
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const { error, run } = useAction();
  const startRef = useRef<HTMLButtonElement>(null);
  const counting = phase.kind === 'counting';

  useEffect(() => {
    if (!counting) return;
    const cancel = (event: Event): void => {
      event.preventDefault();
      event.stopPropagation();
      setPhase({ kind: 'idle' });
      notify(t('button.cancelled'));
      requestAnimationFrame(() => startRef.current?.focus());
    };
    // Capture phase: nothing on the page can swallow the cancelling key or click first.
    window.addEventListener('keydown', cancel, true);
    window.addEventListener('pointerdown', cancel, true);
    window.addEventListener('wheel', cancel, true);
    return () => {
      window.removeEventListener('keydown', cancel, true);
      window.removeEventListener('pointerdown', cancel, true);
      window.removeEventListener('wheel', cancel, true);
    };
  }, [counting, notify, t]);

  useEffect(() => {
    if (phase.kind !== 'counting') return;
    const timer = window.setTimeout(() => {
      if (phase.left > 1) {
        setPhase({ kind: 'counting', left: phase.left - 1 });
        return;
      }
      setPhase({ kind: 'wiping' });
      void run(() => unwrap(api().panic.trigger({}))).then((done) => {
        // On success main switches the whole window; only a failure comes back here.
        if (done === undefined) setPhase({ kind: 'idle' });
      });
    }, 1000);
    return () => window.clearTimeout(timer);
  }, [phase, run]);

  return (
    <section className="card panic-now" aria-labelledby="panic-now-title">
      <h2 id="panic-now-title">{t('button.title')}</h2>
      <p className="hint">{t('button.hint', { count: PANIC_COUNTDOWN_SECONDS })}</p>
      {error && <ErrorMessage error={error} />}
      {phase.kind === 'idle' && (
        <button
          ref={startRef}
          type="button"
          className="button-danger"
          onClick={() => setPhase({ kind: 'counting', left: PANIC_COUNTDOWN_SECONDS })}
        >
          {t('button.start')}
        </button>
      )}
      {phase.kind === 'counting' && (
        <div
          className="panic-countdown"
          role="alertdialog"
          aria-labelledby="panic-countdown-text"
          aria-describedby="panic-countdown-what"
        >
          <div className="panic-countdown-number" aria-hidden="true">
            {phase.left}
          </div>
          <div>
            <p id="panic-countdown-text" className="panic-countdown-text" aria-live="assertive">
              {t('button.countdown', { count: phase.left })}
            </p>
            <p id="panic-countdown-what">{t('button.destroys')}</p>
            <p className="panic-countdown-cancel">{t('button.cancelHint')}</p>
          </div>
        </div>
      )}
      {phase.kind === 'wiping' && (
        <p className="panic-countdown-text" role="status">
          {t('button.wiping')}
        </p>
      )}
    </section>
  );
}
