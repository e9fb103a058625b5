import type { ReactElement } from 'react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isolatedName } from '../../../../../shared/text/externalName';
import { VerificationBadge } from '../parts';
import { FormStep } from './FormStep';
import { NeedStep } from './NeedStep';
import { ResultStep } from './ResultStep';
import { ReviewStep } from './ReviewStep';
import { TeamStep } from './TeamStep';
import type { WizardProps } from './wizardProps';
import { STEPS } from './wizardState';

/** The short request wizard: team → what you need → the form → review → encrypt → result. */
export function RequestWizard(props: WizardProps): ReactElement {
  const { t } = useTranslation('contact');
  const { step, teams, draft } = props;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const team = teams.find((candidate) => candidate.teamId === draft.teamId) ?? null;
  const first = useRef(true);

  useEffect(() => {
    // Each step moves focus to its heading so keyboard and screen-reader users follow along.
    if (first.current) {
      first.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [step]);

  const index = STEPS.indexOf(step);
  return (
    <div className="contact-panel">
      <ol className="wizard-steps" aria-label={t('wizard.progress')}>
        {STEPS.map((name, position) => (
          <li
            key={name}
            aria-current={name === step ? 'step' : undefined}
            className={position < index ? 'done' : undefined}
          >
            {t(`wizard.step.${name}`)}
          </li>
        ))}
      </ol>
      <div className="card">
        <h2 ref={headingRef} tabIndex={-1}>
          {t(`wizard.heading.${step}`)}
        </h2>
        {team && step !== 'team' && (
          <p className="wizard-team">
            {t('wizard.writingTo', { team: isolatedName(team.teamName) })}{' '}
            <VerificationBadge verified={team.verification === 'verified'} />
          </p>
        )}
        {step === 'team' && <TeamStep {...props} />}
        {step === 'need' && team && <NeedStep {...props} team={team} />}
        {step === 'form' && draft.category && <FormStep {...props} category={draft.category} />}
        {step === 'review' && team && draft.category && (
          <ReviewStep {...props} team={team} category={draft.category} />
        )}
        {step === 'result' && props.result && team && (
          <ResultStep {...props} team={team} request={props.result} />
        )}
      </div>
    </div>
  );
}
