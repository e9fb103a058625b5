import type { ReactElement } from 'react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OwnKeySummary } from '../../../../shared/ipc/contact';
import { api, unwrap } from '../../ipc/tikho';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CopyButton } from '../../ui/CopyButton';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { Fingerprint, useDateFormat } from './parts';
import { ArmorField } from '../../ui/ArmorField';

interface Props {
  ownKey: OwnKeySummary | null;
  onChanged: (key: OwnKeySummary | null) => void;
  notify: (message: string) => void;
}

/** The person's own key: made here, kept only in the vault; only its public half leaves. */
export function OwnKeyPanel({ ownKey, onChanged, notify }: Props): ReactElement {
  const { t } = useTranslation('contact');
  const formatDate = useDateFormat();
  const action = useAction();
  // Tagged with its fingerprint so a stale public key is never offered for a newer own key.
  const [exported, setExported] = useState<{ fingerprint: string; armored: string } | null>(null);
  const publicKey = ownKey && exported?.fingerprint === ownKey.fingerprint ? exported.armored : null;
  const revoked = ownKey?.validity === 'revoked';

  useEffect(() => {
    if (!ownKey) return;
    let live = true;
    void unwrap(api().contact.exportOwnKey({}))
      .then((result) => {
        if (live) setExported({ fingerprint: ownKey.fingerprint, armored: result.armored });
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [ownKey]);

  const generate = async (): Promise<void> => {
    const result = await action.run(() => unwrap(api().contact.generateOwnKey({})));
    if (result) {
      notify(t('ownKey.made'));
      onChanged(result.key);
    }
  };

  const save = async (): Promise<void> => {
    const result = await action.run(() => unwrap(api().contact.saveOwnKey({})));
    if (result?.saved) notify(t('ownKey.saved'));
  };

  const revoke = async (): Promise<void> => {
    const result = await action.run(() => unwrap(api().contact.revokeOwnKey({})));
    if (result) {
      notify(t('ownKey.revokedNotice'));
      setExported({ fingerprint: result.key.fingerprint, armored: result.revokedPublicKey });
      onChanged(result.key);
    }
  };

  return (
    <div className="contact-panel">
      <div className="card">
        <h2>{t('ownKey.title')}</h2>
        <p className="hint">{t('ownKey.explain')}</p>
        {ownKey ? (
          <>
            <p>
              {revoked
                ? t('ownKey.revokedOn', { date: ownKey.revokedAt ? formatDate(ownKey.revokedAt) : '' })
                : t('ownKey.madeOn', { date: formatDate(ownKey.createdAt) })}
            </p>
            <Fingerprint groups={ownKey.fingerprintGroups} label={t('ownKey.fingerprint')} />
            <p className="hint">{t('ownKey.shareHint')}</p>
            <div className="actions actions-start">
              {publicKey && <CopyButton text={publicKey} label={t('ownKey.copy')} />}
              <button
                type="button"
                className="button-secondary"
                disabled={action.busy}
                onClick={() => void save()}
              >
                {t('ownKey.save')}
              </button>
            </div>
            <div className="actions actions-start">
              {revoked ? (
                <button
                  type="button"
                  className="button-primary"
                  disabled={action.busy}
                  onClick={() => void generate()}
                >
                  {t('ownKey.makeNew')}
                </button>
              ) : (
                <RevokeButton busy={action.busy} onConfirm={() => void revoke()} />
              )}
            </div>
          </>
        ) : (
          <>
            <p>{t('ownKey.none')}</p>
            <div className="actions actions-start">
              <button
                type="button"
                className="button-primary"
                disabled={action.busy}
                onClick={() => void generate()}
              >
                {t('ownKey.make')}
              </button>
            </div>
          </>
        )}
        {action.busy && <div className="progress" role="progressbar" aria-label={t('ownKey.working')} />}
        {action.error && <ErrorMessage error={action.error} />}
      </div>
      <ImportOwnKey
        onImported={(key) => {
          notify(t('ownKey.imported'));
          onChanged(key);
        }}
      />
    </div>
  );
}

function RevokeButton({ busy, onConfirm }: { busy: boolean; onConfirm: () => void }): ReactElement {
  const { t } = useTranslation('contact');
  return (
    <ConfirmDialog
      title={t('ownKey.revokeTitle')}
      confirmLabel={t('ownKey.revokeConfirm')}
      onConfirm={onConfirm}
      trigger={
        <button type="button" className="button-quiet" disabled={busy}>
          {t('ownKey.revoke')}
        </button>
      }
    >
      {t('ownKey.revokeExplain')}
    </ConfirmDialog>
  );
}

function ImportOwnKey({ onImported }: { onImported: (key: OwnKeySummary) => void }): ReactElement {
  const { t } = useTranslation('contact');
  const ids = { key: useId(), passphrase: useId() };
  const [armored, setArmored] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const action = useAction();

  const submit = async (): Promise<void> => {
    const result = await action.run(() =>
      unwrap(api().contact.importOwnKey({ armored, ...(passphrase === '' ? {} : { passphrase }) })),
    );
    if (result) {
      setArmored('');
      setPassphrase('');
      onImported(result.key);
    }
  };

  return (
    <details className="card fold">
      <summary>{t('ownKey.importTitle')}</summary>
      <p className="hint">{t('ownKey.importHint')}</p>
      <ArmorField
        id={ids.key}
        label={t('ownKey.importLabel')}
        rows={5}
        value={armored}
        onChange={setArmored}
      />
      <label htmlFor={ids.passphrase} className="field-label">
        {t('ownKey.importPassphrase')}
      </label>
      <input
        id={ids.passphrase}
        type="password"
        autoComplete="off"
        value={passphrase}
        onChange={(event) => setPassphrase(event.target.value)}
      />
      {action.error && <ErrorMessage error={action.error} />}
      <div className="actions actions-start">
        <button
          type="button"
          className="button-primary"
          disabled={action.busy || armored.trim() === ''}
          onClick={() => void submit()}
        >
          {t('ownKey.importSubmit')}
        </button>
      </div>
    </details>
  );
}
