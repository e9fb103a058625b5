import type { KeyboardEvent, ReactElement } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  acceleratorFromKeys,
  formatAccelerator,
  panicShortcutProblem,
} from '../../../../shared/panicShortcut';

interface Props {
  current: string | null;
  lockShortcut: string;
  platform: string;
  busy: boolean;
  onSave: (accelerator: string | null) => void;
}

/**
 * The panic shortcut as a choice: off until the person turns it on; the keys are
 * recorded from the keyboard (physical keys, so any layout works), refused when they collide
 * with a common shortcut, and shown the way this computer's keyboard prints them.
 */
export function ShortcutChooser({ current, lockShortcut, platform, busy, onSave }: Props): ReactElement {
  const { t } = useTranslation('panic');
  const [recording, setRecording] = useState(false);
  const [recorded, setRecorded] = useState<string | null>(null);
  const ids = { label: useId(), problem: useId() };
  const boxRef = useRef<HTMLDivElement>(null);
  // The recorder is the only thing to do once opened: the person came here to press keys.
  useEffect(() => {
    if (recording) boxRef.current?.focus();
  }, [recording]);
  const problem = recorded ? panicShortcutProblem(recorded, platform, lockShortcut) : null;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    if (event.key === 'Tab') return;
    if (event.key === 'Escape') {
      setRecording(false);
      setRecorded(null);
      return;
    }
    event.preventDefault();
    const accelerator = acceleratorFromKeys(event, platform);
    if (accelerator) setRecorded(accelerator);
  };

  if (!recording)
    return (
      <div>
        <p>
          {current === null ? (
            <strong>{t('shortcut.off')}</strong>
          ) : (
            <>
              {t('shortcut.current')} <kbd className="panic-kbd">{formatAccelerator(current, platform)}</kbd>
            </>
          )}
        </p>
        <div className="actions">
          <button
            type="button"
            className="button-secondary"
            disabled={busy}
            onClick={() => {
              setRecorded(null);
              setRecording(true);
            }}
          >
            {current === null ? t('shortcut.turnOn') : t('shortcut.change')}
          </button>
          {current !== null && (
            <button type="button" className="button-quiet" disabled={busy} onClick={() => onSave(null)}>
              {t('shortcut.turnOff')}
            </button>
          )}
        </div>
      </div>
    );

  return (
    <div>
      <p id={ids.label} className="field-label">
        {t('shortcut.recordLabel')}
      </p>
      <div
        aria-labelledby={ids.label}
        role="textbox"
        aria-readonly="true"
        aria-describedby={problem ? ids.problem : undefined}
        tabIndex={0}
        ref={boxRef}
        className="panic-recorder"
        onKeyDown={onKeyDown}
      >
        {recorded ? (
          <kbd className="panic-kbd">{formatAccelerator(recorded, platform)}</kbd>
        ) : (
          t(platform === 'darwin' ? 'shortcut.recordHintMac' : 'shortcut.recordHint')
        )}
      </div>
      {problem && (
        <p id={ids.problem} className="field-error" role="alert">
          {t(`shortcut.problem.${problem}`)}
        </p>
      )}
      <div className="actions">
        <button
          type="button"
          className="button-primary"
          disabled={busy || !recorded || problem !== null}
          onClick={() => {
            if (!recorded) return;
            onSave(recorded);
            setRecording(false);
          }}
        >
          {t('shortcut.use')}
        </button>
        <button type="button" className="button-secondary" onClick={() => setRecording(false)}>
          {t('common:actions.cancel')}
        </button>
      </div>
    </div>
  );
}
