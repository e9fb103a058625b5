import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiError } from '../ipc/tikho';

/**
 * A translated error: what happened, and that nothing was lost. A code `domain/name` is looked up
 * as `errors:domain/name` first, then as `<domain>:errors.<name>` in the domain's own catalog.
 */
export function ErrorMessage({ error }: { error: UiError }): ReactElement {
  const { t, i18n } = useTranslation('errors');
  const code = error.payload.code;
  const [domain = '', name = ''] = code.split('/');
  let text = t('generic');
  if (i18n.exists(code, { ns: 'errors' })) text = t(code, error.payload.params);
  else if (i18n.exists(`errors.${name}`, { ns: domain }))
    text = t(`${domain}:errors.${name}`, error.payload.params);
  return (
    <div role="alert" className="alert alert-error" data-error-code={code}>
      {text}
    </div>
  );
}
