import * as AlertDialog from '@radix-ui/react-alert-dialog';
import type { ReactElement } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IndexNoticeDto } from '../../../../shared/ipc/vault';
import { api, unwrap, UiError } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';

/**
 * Right after unlock: what the vault found wrong with its index (an older copy put back, or a
 * rebuild), what cannot be known, and the choice. Continue makes the index in use the trusted
 * one; Lock keeps the question for the next unlock. Nothing is deleted either way.
 */
export function IndexNoticeDialog({ onLock }: { onLock: () => void }): ReactElement | null {
  const { t } = useTranslation('integrity');
  const [notice, setNotice] = useState<IndexNoticeDto | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  useEffect(() => {
    let live = true;
    unwrap(api().vault.indexNotice({}))
      .then((r) => {
        if (live) setNotice(r.notice);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);

  if (!notice) return null;
  const proceed = (): void => {
    unwrap(api().vault.acknowledgeIndexNotice({}))
      .then(() => setNotice(null))
      .catch((err: unknown) => {
        if (err instanceof UiError) setError(err);
      });
  };
  const lines =
    notice.kind === 'rolled-back'
      ? [
          t('rolledBack.body'),
          ...(notice.anchorMissing ? [t('rolledBack.anchorMissing')] : []),
          t('rolledBack.cannotKnow'),
        ]
      : [t(`rebuilt.${notice.reason}`), t('rebuilt.cannotKnow')];
  if (notice.recovered > 0) lines.push(t('recovered', { count: notice.recovered }));
  if (notice.unknown > 0) lines.push(t('unknown', { count: notice.unknown }));
  lines.push(t('later'));

  return (
    <AlertDialog.Root open>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="dialog-overlay" />
        <AlertDialog.Content className="dialog" data-index-notice={notice.kind}>
          <AlertDialog.Title>
            {notice.kind === 'rolled-back' ? t('rolledBack.title') : t('rebuilt.title')}
          </AlertDialog.Title>
          <AlertDialog.Description asChild>
            <div className="dialog-body">
              {lines.map((line) => (
                <p key={line}>{line}</p>
              ))}
              {error && <ErrorMessage error={error} />}
            </div>
          </AlertDialog.Description>
          <div className="actions">
            <AlertDialog.Cancel asChild>
              <button type="button" className="button-secondary" onClick={onLock}>
                {t('lock')}
              </button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <button
                type="button"
                className="button-primary"
                onClick={(event) => {
                  // Stays open until main confirmed; a failed acknowledgement is shown here.
                  event.preventDefault();
                  proceed();
                }}
              >
                {t('continue')}
              </button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
