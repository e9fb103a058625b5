import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../ipc/tikho';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';

/** "Clear my progress": ticks and drills go, the two answers stay (they decide what is shown). */
export function WipeProgress({ onWiped }: { onWiped: () => Promise<void> }): ReactElement {
  const { t } = useTranslation('checklist');
  const { busy, error, run } = useAction();
  return (
    <>
      <ConfirmDialog
        title={t('wipe.title')}
        confirmLabel={t('wipe.confirm')}
        trigger={
          <button type="button" className="button-quiet" disabled={busy}>
            {t('wipe.button')}
          </button>
        }
        onConfirm={() =>
          void run(async () => {
            await unwrap(api().checklist.wipeProgress({ includeAnswers: false }));
            await onWiped();
          })
        }
      >
        {t('wipe.explain')}
      </ConfirmDialog>
      {error && <ErrorMessage error={error} />}
    </>
  );
}
