import type { ReactElement } from 'react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PANIC_COUNTDOWN_SECONDS } from '../../../../shared/ipc/panic';
import { api, unwrap } from '../../ipc/tikho';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';

type Phase =
  { kind: 'idle' } | { kind: 'confirming' } | { kind: 'counting'; left: number } | { kind: 'wiping' };

/** What a wipe destroys, named one by one in the confirmation (a destructive step names what it destroys). */
const DESTROYED = ['notes', 'keys', 'requests', 'channel', 'checklist', 'settings'] as const;

/**
 * The in-app panic button (issues 6 §2, 16 §2): a deliberate start — a confirmation that names
 * what will be destroyed — then a visible 5-second countdown with the focus on its Cancel button.
 * Only Esc and Cancel stop it: a stray Shift or a trembling click must not undo a wipe the person
 * chose twice, and a false start is already ruled out by the confirmation.
 * When it runs out, main wipes and tells the window what to show next (events:wiped).
 */
export function PanicButton({
  notify,
  practise,
}: {
  notify: (message: string) => void;
  /**
   * Practice: the same confirmation and countdown, then this runs instead of the
   * real wipe — the plan on a disposable copy. Each screen of it says it is a practice.
   */
  practise?: () => Promise<void>;
}): ReactElement {
  const { t } = useTranslation('panic');
  const labels = practise ? 'practice.button' : 'button';
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const { error, run } = useAction();
  const startRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const counting = phase.kind === 'counting';

  const cancel = useCallback((): void => {
    setPhase({ kind: 'idle' });
    notify(t('button.cancelled'));
    requestAnimationFrame(() => startRef.current?.focus());
  }, [notify, t]);

  useEffect(() => {
    if (!counting) return;
    // The dialog that started the countdown hands focus back on close; take it after that.
    const focus = (): void => cancelRef.current?.focus();
    focus();
    const again = window.setTimeout(focus, 50);
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        cancel();
      } else if (event.key === 'Tab') {
        // Focus stays on Cancel: nothing else on the screen is useful for these five seconds.
        event.preventDefault();
        cancelRef.current?.focus();
      }
    };
    // Capture phase: nothing on the page can swallow the Esc first.
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.clearTimeout(again);
      window.removeEventListener('keydown', onKey, true);
    };
  }, [counting, cancel]);

  useEffect(() => {
    if (phase.kind !== 'counting') return;
    const timer = window.setTimeout(() => {
      if (phase.left > 1) {
        setPhase({ kind: 'counting', left: phase.left - 1 });
        return;
      }
      setPhase({ kind: 'wiping' });
      if (practise) {
        void practise().finally(() => setPhase({ kind: 'idle' }));
        return;
      }
      void run(() => unwrap(api().panic.trigger({}))).then((done) => {
        // On success main switches the whole window; only a failure comes back here.
        if (done === undefined) setPhase({ kind: 'idle' });
      });
    }, 1000);
    return () => window.clearTimeout(timer);
  }, [phase, run, practise]);

  return (
    <section
      className={practise ? 'card panic-practice' : 'card panic-now'}
      aria-labelledby={practise ? 'panic-practice-button-title' : 'panic-now-title'}
    >
      <h2 id={practise ? 'panic-practice-button-title' : 'panic-now-title'}>{t(`${labels}.title`)}</h2>
      <p className="hint">{t(`${labels}.hint`, { count: PANIC_COUNTDOWN_SECONDS })}</p>
      {error && <ErrorMessage error={error} />}
      {(phase.kind === 'idle' || phase.kind === 'confirming') && (
        <button
          ref={startRef}
          type="button"
          className="button-danger"
          onClick={() => setPhase({ kind: 'confirming' })}
        >
          {t(`${labels}.start`)}
        </button>
      )}
      <ConfirmDialog
        title={t('button.confirm.title')}
        confirmLabel={t('button.confirm.start', { count: PANIC_COUNTDOWN_SECONDS })}
        open={phase.kind === 'confirming'}
        onOpenChange={(open) => {
          if (!open) setPhase((p) => (p.kind === 'confirming' ? { kind: 'idle' } : p));
        }}
        onConfirm={() => setPhase({ kind: 'counting', left: PANIC_COUNTDOWN_SECONDS })}
      >
        {practise && <p className="panel panel-ok">{t('practice.onCopy')}</p>}
        <p>{t('button.confirm.lede')}</p>
        <ul>
          {DESTROYED.map((what) => (
            <li key={what}>{t(`button.confirm.destroys.${what}`)}</li>
          ))}
        </ul>
        <p>{t('button.confirm.after', { count: PANIC_COUNTDOWN_SECONDS })}</p>
      </ConfirmDialog>
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
            <p id="panic-countdown-what">{practise ? t('practice.onCopy') : t('button.destroys')}</p>
            <p className="panic-countdown-cancel">{t('button.cancelHint')}</p>
            <button ref={cancelRef} type="button" className="button-primary" onClick={cancel}>
              {t('button.cancel')}
            </button>
          </div>
        </div>
      )}
      {phase.kind === 'wiping' && (
        <p className="panic-countdown-text" role="status">
          {practise ? t('practice.running') : t('button.wiping')}
        </p>
      )}
    </section>
  );
}
