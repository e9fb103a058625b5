import type { ReactElement } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestSummary, TeamSummary } from '../../../../../shared/ipc/contact';
import { isolatedName } from '../../../../../shared/text/externalName';
import { api, unwrap } from '../../../ipc/tikho';
import { CopyButton } from '../../../ui/CopyButton';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { useAction } from '../../../ui/useAction';
import { TeamChannels } from '../TeamsPanel';
import type { WizardProps } from './wizardProps';

/** Step 5: the encrypted request to copy or save, how to send it, and what to do next. */
export function ResultStep({
  team,
  request,
  dispatch,
  setStep,
  setResult,
  onComposed,
  openThread,
  notify,
}: Pick<WizardProps, 'dispatch' | 'setStep' | 'setResult' | 'onComposed' | 'openThread' | 'notify'> & {
  team: TeamSummary;
  request: RequestSummary;
}): ReactElement {
  const { t } = useTranslation('contact');
  const outputId = useId();
  const action = useAction();
  const [current, setCurrent] = useState(request);

  const save = async (): Promise<void> => {
    const saved = await action.run(() => unwrap(api().contact.saveRequest({ requestId: current.id })));
    if (saved?.saved) notify(t('result.saved'));
  };
  const markSent = async (): Promise<void> => {
    const updated = await action.run(() => unwrap(api().contact.markSent({ requestId: current.id })));
    if (updated) {
      setCurrent(updated.request);
      notify(t('result.markedSent'));
      await onComposed();
    }
  };

  return (
    <>
      <p>{t('result.explain', { team: isolatedName(team.teamName) })}</p>
      <label htmlFor={outputId} className="field-label">
        {t('result.output')}
      </label>
      <textarea id={outputId} className="armor-output" readOnly rows={10} value={current.armored} />
      <div className="actions actions-start">
        <CopyButton text={current.armored} label={t('result.copy')} />
        <button type="button" className="button-secondary" disabled={action.busy} onClick={() => void save()}>
          {t('result.save')}
        </button>
      </div>
      {action.error && <ErrorMessage error={action.error} />}

      <h3>{t('result.howToSend')}</h3>
      <p className="hint">{t('result.neverSends')}</p>
      <TeamChannels team={team} withInstructions />

      <div className="actions actions-start">
        {current.status === 'encrypted' ? (
          <button
            type="button"
            className="button-secondary"
            disabled={action.busy}
            onClick={() => void markSent()}
          >
            {t('result.markSent')}
          </button>
        ) : (
          <p role="status">{t(`status.${current.status}`)}</p>
        )}
        <button type="button" className="button-link" onClick={() => openThread(current.id)}>
          {t('result.openThread')}
        </button>
        <button
          type="button"
          className="button-link"
          onClick={() => {
            dispatch({ type: 'reset' });
            setResult(null);
            setStep('team');
          }}
        >
          {t('result.another')}
        </button>
      </div>
    </>
  );
}
