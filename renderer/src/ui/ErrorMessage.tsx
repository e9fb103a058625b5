import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiError } from '../ipc/tikho';

/** A translated error: what happened, and that nothing was lost (keys in `errors`). */
export function ErrorMessage({ error }: { error: UiError }): ReactElement {
  const { t, i18n } = useTranslation('errors');
  const key = error.payload.code;
  const text = i18n.exists(key, { ns: 'errors' }) ? t(key, error.payload.params) : t('generic');
  return (
    <div role="alert" className="alert alert-error">
      {text}
    </div>
  );
}
