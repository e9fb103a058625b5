import type { ReactElement } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { api, unwrap } from '../../ipc/tikho';
import { CopyButton } from '../../ui/CopyButton';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { Badge, useDateFormat, useLanguage } from './parts';
import { ExternalName } from '../../ui/ExternalName';

type Contacts = ResponseOf<'checklist:helpContacts'>;

/** Where to get help, stored offline; every address is text to copy, never a link. */
export function HelpContacts(): ReactElement {
  const { t } = useTranslation('checklist');
  const lang = useLanguage();
  const { day } = useDateFormat();
  const { error, run } = useAction();
  const [data, setData] = useState<Contacts | null>(null);

  useEffect(() => {
    void run(async () => setData(await unwrap(api().checklist.helpContacts({ lang }))));
  }, [lang, run]);

  if (error) return <ErrorMessage error={error} />;
  if (!data) return <p role="status">{t('common:loading')}</p>;
  return (
    <div className="cl-help">
      <p className="lede">{t('help.intro')}</p>
      <p className="hint">
        {t('help.reviewed', { date: day(data.lastReviewed) })}{' '}
        {data.outdated && <Badge tone="warn">{t('item.outdated', { date: day(data.lastReviewed) })}</Badge>}
      </p>
      <ul className="cl-help-list">
        {data.contacts.map((contact) => (
          <li key={contact.id} className="card">
            <h3>
              <ExternalName name={contact.name} />
            </h3>
            <div className="cl-badges">
              {contact.scope.map((scope) => (
                <Badge key={scope} tone="neutral">
                  {t(`scope.${scope}`)}
                </Badge>
              ))}
            </div>
            <p>{contact.what}</p>
            <dl className="cl-how">
              {contact.how.map((how) => (
                <div key={`${how.kind}:${how.value}`}>
                  <dt>{t(`help.kind.${how.kind}`)}</dt>
                  <dd>
                    <code className="cl-url">{how.value}</code>
                    <CopyButton text={how.value} />
                    <span className="hint">
                      {how.checked === null
                        ? t('help.routeUnchecked')
                        : t('help.routeChecked', { date: day(how.checked) })}
                    </span>
                  </dd>
                </div>
              ))}
            </dl>
            <p className="hint">
              {t('item.sourceLine', { publisher: contact.source.publisher, title: contact.source.title })}{' '}
              <code className="cl-url">{contact.source.url}</code>
            </p>
          </li>
        ))}
      </ul>
    </div>
  );
}
