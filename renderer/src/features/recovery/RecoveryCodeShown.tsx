import type { ReactElement } from 'react';
import { useId, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import './recovery.css';

interface Props {
  /** Ten groups of five digits, shown this once. */
  groups: string[];
  /** Called once the person says the code is written down; the caller then forgets the groups. */
  onConfirmed: () => void;
}

/**
 * The code on screen and, for printing, on a sheet of its own (a direct child of <body>, so the
 * print CSS can hide everything else). The printout carries the numbered groups and nothing else:
 * no app name, no explanation (the checklist's advice for the paper).
 */
export function RecoveryCodeShown({ groups, onConfirmed }: Props): ReactElement {
  const { t } = useTranslation('recovery');
  const [confirmed, setConfirmed] = useState(false);
  const confirmId = useId();
  return (
    <>
      <p>{t('sheet.hint')}</p>
      <ol className="recovery-groups" aria-label={t('sheet.listLabel')}>
        {groups.map((group, i) => (
          <li key={i}>
            <span className="recovery-group-number">{t('sheet.groupNumber', { n: i + 1 })}</span>
            <span className="recovery-group-digits">{group}</span>
          </li>
        ))}
      </ol>
      <div className="recovery-print-row">
        <button type="button" className="button-secondary" onClick={() => window.print()}>
          {t('sheet.print')}
        </button>
        <span className="hint">{t('sheet.printHint')}</span>
      </div>
      <div className="check-row">
        <input
          id={confirmId}
          type="checkbox"
          checked={confirmed}
          onChange={(e) => setConfirmed(e.target.checked)}
        />
        <label htmlFor={confirmId}>{t('sheet.confirm')}</label>
      </div>
      <div className="actions">
        <button type="button" className="button-primary" disabled={!confirmed} onClick={onConfirmed}>
          {t('common:actions.continue')}
        </button>
      </div>
      {createPortal(
        <div className="recovery-print-sheet" aria-hidden="true">
          <ol>
            {groups.map((group, i) => (
              <li key={i}>
                <span className="recovery-print-number">{i + 1}</span>
                <span className="recovery-print-digits">{group}</span>
              </li>
            ))}
          </ol>
        </div>,
        document.body,
      )}
    </>
  );
}
