import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { isolatedName } from '../../../../../shared/text/externalName';
import { ExternalName } from '../../../ui/ExternalName';
import { VerificationBadge } from '../parts';
import type { WizardProps } from './wizardProps';

/** Step 1: which team the request goes to, with a warning while its card is not verified. */
export function TeamStep({
  teams,
  draft,
  dispatch,
  setStep,
  openTeams,
}: Pick<WizardProps, 'teams' | 'draft' | 'dispatch' | 'setStep' | 'openTeams'>): ReactElement {
  const { t } = useTranslation('contact');
  const chosen = teams.find((team) => team.teamId === draft.teamId);
  if (teams.length === 0) {
    return (
      <>
        <p>{t('wizard.noTeams')}</p>
        <div className="actions actions-start">
          <button type="button" className="button-primary" onClick={openTeams}>
            {t('wizard.addTeam')}
          </button>
        </div>
      </>
    );
  }
  return (
    <>
      <fieldset className="field-group plain-fieldset">
        <legend className="visually-hidden">{t('wizard.heading.team')}</legend>
        <div className="choice-column">
          {teams.map((team) => (
            <label key={team.teamId} className="choice choice-large">
              <input
                type="radio"
                name="contact-team"
                checked={draft.teamId === team.teamId}
                onChange={() => dispatch({ type: 'team', team })}
              />
              <span className="choice-text">
                <ExternalName name={team.teamName} />
              </span>
              <VerificationBadge verified={team.verification === 'verified'} />
            </label>
          ))}
        </div>
      </fieldset>
      {chosen && chosen.verification !== 'verified' && (
        <div className="alert alert-warn">
          <p>{t('wizard.unverifiedWarning', { team: isolatedName(chosen.teamName) })}</p>
          <button type="button" className="button-link" onClick={openTeams}>
            {t('wizard.verifyNow')}
          </button>
        </div>
      )}
      {chosen?.pendingKeyChange && (
        <div className="alert alert-error">
          <p>{t('wizard.keyChangePending', { team: isolatedName(chosen.teamName) })}</p>
          <button type="button" className="button-link" onClick={openTeams}>
            {t('wizard.decideKeyChange')}
          </button>
        </div>
      )}
      <div className="actions">
        <button type="button" className="button-primary" disabled={!chosen} onClick={() => setStep('need')}>
          {t('wizard.next')}
        </button>
      </div>
    </>
  );
}
