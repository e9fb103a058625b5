import type { ReactElement } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/checklist/schema';
import { ANSWER_SCOPES, type Answers } from '../../../../shared/checklist/view';

interface Props {
  initial: Answers | null;
  busy: boolean;
  onSubmit: (answers: Answers) => void;
  onCancel?: () => void;
}

/** The two first-use questions (first run lands on "first steps for you"). */
export function FirstQuestions({ initial, busy, onSubmit, onCancel }: Props): ReactElement {
  const { t } = useTranslation('checklist');
  const [scope, setScope] = useState<Answers['scope'] | null>(initial?.scope ?? null);
  const [roles, setRoles] = useState<Role[]>(initial?.roles ?? []);
  const ready = scope !== null && roles.length > 0;

  return (
    <form
      className="card cl-questions"
      onSubmit={(event) => {
        event.preventDefault();
        if (scope !== null && roles.length > 0) onSubmit({ scope, roles });
      }}
    >
      <h2>{t('questions.title')}</h2>
      <p className="hint">{t('questions.private')}</p>
      <fieldset className="field-group">
        <legend>{t('questions.where')}</legend>
        <div className="choice-column">
          {ANSWER_SCOPES.map((option) => (
            <label key={option} className="choice">
              <input
                type="radio"
                name="cl-scope"
                checked={scope === option}
                onChange={() => setScope(option)}
              />
              <span>
                {t(`questions.scope.${option}`)}
                <span className="hint cl-choice-hint">{t(`questions.scopeHint.${option}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field-group">
        <legend>{t('questions.what')}</legend>
        <p className="hint">{t('questions.whatHint')}</p>
        <div className="cl-role-grid">
          {ROLES.map((role) => (
            <label key={role} className="choice">
              <input
                type="checkbox"
                checked={roles.includes(role)}
                onChange={(event) =>
                  setRoles((prev) =>
                    event.target.checked ? [...prev, role] : prev.filter((r) => r !== role),
                  )
                }
              />
              <span>{t(`role.${role}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="actions">
        <button type="submit" className="button-primary" disabled={!ready || busy}>
          {t('questions.submit')}
        </button>
        {onCancel && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('common:actions.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
