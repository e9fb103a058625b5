import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamSummary } from '../../../../../shared/ipc/contact';
import { isolatedName } from '../../../../../shared/text/externalName';
import type { WizardProps } from './wizardProps';

/** Step 2: what the person needs, among the categories this team handles. */
export function NeedStep({
  team,
  draft,
  dispatch,
  setStep,
}: Pick<WizardProps, 'draft' | 'dispatch' | 'setStep'> & { team: TeamSummary }): ReactElement {
  const { t } = useTranslation('contact');
  return (
    <>
      <p className="hint">{t('wizard.needHint', { team: isolatedName(team.teamName) })}</p>
      <fieldset className="field-group plain-fieldset">
        <legend className="visually-hidden">{t('wizard.heading.need')}</legend>
        <div className="choice-column">
          {team.categories.map((category) => (
            <label key={category} className="choice choice-large">
              <input
                type="radio"
                name="contact-category"
                checked={draft.category === category}
                onChange={() => dispatch({ type: 'category', category })}
              />
              <span className="choice-text">{t(`category.${category}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="actions">
        <button type="button" className="button-secondary" onClick={() => setStep('team')}>
          {t('wizard.back')}
        </button>
        <button
          type="button"
          className="button-primary"
          disabled={draft.category === null}
          onClick={() => setStep('form')}
        >
          {t('wizard.next')}
        </button>
      </div>
    </>
  );
}
