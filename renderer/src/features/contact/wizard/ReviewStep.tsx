import * as Switch from '@radix-ui/react-switch';
import type { ReactElement } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestCategory } from '../../../../../shared/contact/categories';
import { fieldsForCategory } from '../../../../../shared/contact/forms';
import type { TeamSummary } from '../../../../../shared/ipc/contact';
import { isolatedName } from '../../../../../shared/text/externalName';
import { api, unwrap } from '../../../ipc/tikho';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { useAction } from '../../../ui/useAction';
import { useReadableText } from '../parts';
import type { WizardProps } from './wizardProps';

/**
 * Step 4: the text exactly as the team will read it, anonymous or signed, then encrypt. On an
 * error nothing changes: the draft stays as typed.
 */
export function ReviewStep({
  team,
  category,
  draft,
  dispatch,
  setStep,
  ownKey,
  onOwnKeyChanged,
  setResult,
  onComposed,
  openTeams,
}: Pick<
  WizardProps,
  'draft' | 'dispatch' | 'setStep' | 'ownKey' | 'onOwnKeyChanged' | 'setResult' | 'onComposed' | 'openTeams'
> & { team: TeamSummary; category: RequestCategory }): ReactElement {
  const { t } = useTranslation('contact');
  const readable = useReadableText();
  const action = useAction();
  const keyAction = useAction();
  const anonymousId = useId();
  const needsKey = !draft.anonymous && (ownKey === null || ownKey.validity !== 'valid');

  const encrypt = async (): Promise<void> => {
    const fields: Record<string, string> = {};
    for (const field of fieldsForCategory(category)) {
      const value = draft.fields[field.key];
      if (value !== undefined && value !== '') fields[field.key] = value;
    }
    const composed = await action.run(() =>
      unwrap(
        api().contact.compose({
          draft: { teamId: team.teamId, category, fields, text: draft.text, anonymous: draft.anonymous },
        }),
      ),
    );
    // On an error nothing changes here: the draft stays as typed and the message shows beside.
    if (composed) {
      setResult(composed.request);
      setStep('result');
      await onComposed();
    }
  };

  const makeKey = async (): Promise<void> => {
    const made = await keyAction.run(() => unwrap(api().contact.generateOwnKey({})));
    if (made) onOwnKeyChanged(made.key);
  };

  return (
    <>
      <p className="hint">{t('review.hint')}</p>
      <pre className="readable-text" aria-label={t('review.label')}>
        {readable(category, draft.fields, draft.text)}
      </pre>
      {team.verification !== 'verified' && (
        <div className="alert alert-warn">
          <p>{t('wizard.unverifiedWarning', { team: isolatedName(team.teamName) })}</p>
          <button type="button" className="button-link" onClick={openTeams}>
            {t('wizard.verifyNow')}
          </button>
        </div>
      )}

      <div className="panel anonymous-panel">
        <div className="switch-row">
          <Switch.Root
            id={anonymousId}
            className="switch"
            checked={draft.anonymous}
            onCheckedChange={(checked) => dispatch({ type: 'anonymous', anonymous: checked })}
          >
            <Switch.Thumb className="switch-thumb" />
          </Switch.Root>
          <label htmlFor={anonymousId}>{t('review.anonymous')}</label>
        </div>
        <p className="hint">{draft.anonymous ? t('review.anonymousOn') : t('review.anonymousOff')}</p>
      </div>

      {needsKey && (
        <div className="alert alert-warn">
          <p>{ownKey ? t('review.keyRevoked') : t('review.noKey')}</p>
          <button
            type="button"
            className="button-secondary"
            disabled={keyAction.busy}
            onClick={() => void makeKey()}
          >
            {t('ownKey.make')}
          </button>
          {keyAction.busy && <div className="progress" role="progressbar" aria-label={t('ownKey.working')} />}
          {keyAction.error && <ErrorMessage error={keyAction.error} />}
        </div>
      )}

      {action.error && <ErrorMessage error={action.error} />}
      {action.busy && <div className="progress" role="progressbar" aria-label={t('review.encrypting')} />}
      <div className="actions">
        <button type="button" className="button-secondary" onClick={() => setStep('form')}>
          {t('review.edit')}
        </button>
        <button
          type="button"
          className="button-primary"
          disabled={action.busy || needsKey}
          onClick={() => void encrypt()}
        >
          {t('review.encrypt')}
        </button>
      </div>
    </>
  );
}
