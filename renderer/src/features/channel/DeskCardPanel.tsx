import type { ReactElement } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskStatus } from '../../../../shared/channel/deskTypes';
import { api, unwrap } from '../../ipc/tikho';
import { useAction } from '../../ui/useAction';
import { ChannelError } from './ChannelError';
import { DeskSetup } from './DeskSetup';
import { EncryptedResult } from './EncryptedResult';
import { formatDateTime } from '../../ui/dates';

/** The team's card: its fingerprint, "Publish card", and the signed text to hand out. */
export function DeskCardPanel({
  status,
  onStatus,
  notify,
}: {
  status: DeskStatus;
  onStatus: (status: DeskStatus) => void;
  notify: (message: string) => void;
}): ReactElement {
  const { t, i18n } = useTranslation('desk');
  const [editing, setEditing] = useState(false);
  const publish = useAction();

  const publishCard = async (): Promise<void> => {
    const card = await publish.run(() => unwrap(api().channel.publishCard({})));
    if (card) {
      onStatus({ ...status, card });
      notify(t('card.published'));
    }
  };

  if (editing) {
    return (
      <DeskSetup
        initial={status.details}
        onCancel={() => setEditing(false)}
        onSaved={(next) => {
          setEditing(false);
          onStatus(next);
          notify(t('setup.saved'));
        }}
      />
    );
  }

  return (
    <div className="desk-card">
      <section className="card">
        <h2>{t('card.fingerprintTitle')}</h2>
        <p className="hint">{t('card.fingerprintHint')}</p>
        <ol className="fingerprint-groups" aria-label={t('card.fingerprintTitle')}>
          {status.fingerprintGroups?.map((group, index) => (
            <li key={index}>{group}</li>
          ))}
        </ol>
        <div className="actions">
          <button type="button" className="button-secondary" onClick={() => setEditing(true)}>
            {t('card.edit')}
          </button>
          <button
            type="button"
            className="button-primary"
            disabled={publish.busy}
            onClick={() => void publishCard()}
          >
            {status.card ? t('card.republish') : t('card.publish')}
          </button>
        </div>
        {publish.busy && (
          <p className="hint" role="status">
            {t('card.signing')}
          </p>
        )}
        {publish.error && <ChannelError error={publish.error} />}
      </section>
      {status.card && (
        <section className="card">
          <p className="hint">
            {t('card.issued', {
              issued: formatDateTime(i18n.language, status.card.issuedAt),
              expires: formatDateTime(i18n.language, status.card.bundleExpiresAt),
            })}
          </p>
          <EncryptedResult
            text={status.card.text}
            kind="card"
            title={t('card.textTitle')}
            hint={t('card.textHint')}
            notify={notify}
          />
        </section>
      )}
    </div>
  );
}
