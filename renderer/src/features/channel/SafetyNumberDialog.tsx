import * as Dialog from '@radix-ui/react-dialog';
import type { ReactElement } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { api, unwrap } from '../../ipc/tikho';
import { useAction } from '../../ui/useAction';
import { useReturnFocus } from '../../ui/useReturnFocus';
import { ChannelError } from './ChannelError';
import { useLoad } from './useLoad';

type SafetyNumber = ResponseOf<'channel:safetyNumber'>;

/**
 * The safety number (libsignal Fingerprint): 60 digits in twelve groups and a QR code. The
 * digits passed to "Mark as verified" are exactly the ones on screen, so a key that changed
 * while the dialog was open is refused by main instead of verified by mistake.
 */
export function SafetyNumberDialog({
  threadId,
  peerName,
  open,
  onOpenChange,
  onVerified,
}: {
  threadId: string;
  peerName: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onVerified: () => void;
}): ReactElement {
  const { t } = useTranslation('channel');
  const [verifiedNow, setVerifiedNow] = useState(false);
  const returnFocus = useReturnFocus(open);
  const verify = useAction();
  // Loaded afresh on every open: the number must be the current one when compared.
  // No QR code: neither side of a Tikho conversation has anything that could scan it.
  const load = useLoad(async (): Promise<{ number: SafetyNumber } | null> => {
    if (!open) return null;
    return { number: await unwrap(api().channel.safetyNumber({ threadId })) };
  }, [open, threadId]);
  const loaded = load.data;
  const number: SafetyNumber | null = loaded
    ? verifiedNow
      ? { ...loaded.number, verified: true, identityChanged: false }
      : loaded.number
    : null;

  const markVerified = async (): Promise<void> => {
    if (!number) return;
    const done = await verify.run(() =>
      unwrap(api().channel.markVerified({ threadId, digits: number.groups.join(' ') })),
    );
    if (done) {
      setVerifiedNow(true);
      onVerified();
    }
  };

  return (
    <Dialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) setVerifiedNow(false);
        onOpenChange(next);
      }}
    >
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog safety-dialog" onCloseAutoFocus={returnFocus}>
          <Dialog.Title>{t('safety.title', { name: peerName })}</Dialog.Title>
          <Dialog.Description className="hint">{t('safety.how')}</Dialog.Description>
          {load.error && <ChannelError error={load.error} />}
          {number && (
            <>
              {number.identityChanged && (
                <p className="alert alert-warn" role="alert">
                  {t('safety.changed')}
                </p>
              )}
              <div className="safety-body">
                <ol className="safety-groups" aria-label={t('safety.digitsLabel')}>
                  {number.groups.map((group, index) => (
                    <li key={index}>{group}</li>
                  ))}
                </ol>
              </div>
              <p className={number.verified ? 'badge badge-ok' : 'badge badge-warn'} role="status">
                {number.verified ? t('badge.verified') : t('badge.unverified')}
              </p>
              {verify.error && <ChannelError error={verify.error} />}
            </>
          )}
          <div className="actions">
            <Dialog.Close asChild>
              <button type="button" className="button-secondary">
                {t('safety.close')}
              </button>
            </Dialog.Close>
            {number && !number.verified && (
              <button
                type="button"
                className="button-primary"
                disabled={verify.busy}
                onClick={() => void markVerified()}
              >
                {t('safety.markVerified')}
              </button>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
