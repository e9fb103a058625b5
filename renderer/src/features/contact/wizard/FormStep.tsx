import type { ReactElement } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestCategory } from '../../../../../shared/contact/categories';
import { fieldsForCategory } from '../../../../../shared/contact/forms';
import { DraftKept } from '../../../ui/DraftKept';
import { FormField } from './FormField';
import type { WizardProps } from './wizardProps';

/** Step 3: the category's form; a required field left empty is pointed at, nothing moves on. */
export function FormStep({
  draft,
  dispatch,
  setStep,
  category,
}: Pick<WizardProps, 'draft' | 'dispatch' | 'setStep'> & { category: RequestCategory }): ReactElement {
  const { t } = useTranslation('contact');
  const [missing, setMissing] = useState<string[]>([]);
  const textId = useId();
  const fields = fieldsForCategory(category);

  const next = (): void => {
    const empty = fields
      .filter((field) => field.required && (draft.fields[field.key] ?? '').trim() === '')
      .map((field) => field.key);
    setMissing(empty);
    if (empty.length === 0) setStep('review');
  };

  return (
    <>
      <p className="hint">{t('form.hint')}</p>
      {fields.map((field) => (
        <FormField
          key={field.key}
          field={field}
          value={draft.fields[field.key] ?? ''}
          missing={missing.includes(field.key)}
          onChange={(value) => dispatch({ type: 'field', key: field.key, value })}
        />
      ))}
      <div className="field">
        <label htmlFor={textId} className="field-label">
          {t('field.text')} <span className="optional">{t('form.optional')}</span>
        </label>
        <p className="hint">{t('form.textHint')}</p>
        <textarea
          id={textId}
          rows={6}
          maxLength={20_000}
          value={draft.text}
          onChange={(event) => dispatch({ type: 'text', text: event.target.value })}
        />
      </div>
      {missing.length > 0 && (
        <div className="alert alert-error" role="alert">
          {t('form.missing', { count: missing.length })}
        </div>
      )}
      <DraftKept kind="request" />
      <div className="actions">
        <button type="button" className="button-secondary" onClick={() => setStep('need')}>
          {t('wizard.back')}
        </button>
        <button type="button" className="button-primary" onClick={next}>
          {t('wizard.next')}
        </button>
      </div>
    </>
  );
}
