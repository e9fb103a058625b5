import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiError } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';

/**
 * ErrorMessage, plus the OpenPGP codes the channel screen can meet (importing a desk card,
 * opening a request at the desk) when no other catalog translates them yet.
 */
export function ChannelError({ error }: { error: UiError }): ReactElement {
  const { t, i18n } = useTranslation('channel');
  const { code, params } = error.payload;
  const [domain = '', name = ''] = code.split('/');
  const elsewhere = i18n.exists(code, { ns: 'errors' }) || i18n.exists(`errors.${name}`, { ns: domain });
  if (domain === 'pgp' && !elsewhere && i18n.exists(`pgpErrors.${name}`, { ns: 'channel' })) {
    return (
      <div role="alert" className="alert alert-error" data-error-code={code}>
        {t(`pgpErrors.${name}`, params)}
      </div>
    );
  }
  return <ErrorMessage error={error} />;
}
