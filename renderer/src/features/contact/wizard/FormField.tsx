import type { ReactElement } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldDescriptor } from '../../../../../shared/contact/forms';
import { optionLabelKey } from '../../../../../shared/contact/forms';
import { labelKey } from '../parts';

/** One field of a request form: a text, a longer text or a choice, with its own error line. */
export function FormField({
  field,
  value,
  missing,
  onChange,
}: {
  field: FieldDescriptor;
  value: string;
  missing: boolean;
  onChange: (value: string) => void;
}): ReactElement {
  const { t } = useTranslation('contact');
  const id = useId();
  const errorId = useId();
  const common = {
    id,
    'aria-invalid': missing || undefined,
    'aria-describedby': missing ? errorId : undefined,
  };
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {t(labelKey(field.labelKey))}
        {!field.required && (
          <>
            {' '}
            <span className="optional">{t('form.optional')}</span>
          </>
        )}
      </label>
      {field.kind === 'textarea' && (
        <textarea
          {...common}
          rows={5}
          maxLength={field.maxLength}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
      {field.kind === 'text' && (
        <input
          {...common}
          type="text"
          maxLength={field.maxLength}
          value={value}
          onChange={(event) => onChange(event.target.value.replace(/[\r\n]/g, ' '))}
        />
      )}
      {field.kind === 'select' && (
        <select {...common} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('form.choose')}</option>
          {(field.options ?? []).map((option) => (
            <option key={option} value={option}>
              {t(labelKey(optionLabelKey(field.key, option)))}
            </option>
          ))}
        </select>
      )}
      {missing && (
        <p id={errorId} className="field-error">
          {t('form.required')}
        </p>
      )}
    </div>
  );
}
