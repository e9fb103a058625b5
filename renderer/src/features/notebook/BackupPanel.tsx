import type { FormEvent, ReactElement } from 'react';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { PassphraseInput } from '../lock/PassphraseInput';
import type { Strength } from '../lock/StrengthMeter';
import { StrengthMeter } from '../lock/StrengthMeter';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { RestoreBackup } from './RestoreBackup';

/** Encrypted backup, restore into an empty notebook, and the plain-text export behind a warning. */
export function BackupPanel({
  noteCount,
  notify,
  onRestored,
}: {
  noteCount: number;
  notify: (message: string) => void;
  onRestored: () => void;
}): ReactElement {
  const { t } = useTranslation('notes');
  const ids = { own: useId(), vaultPass: useId(), meter: useId() };
  const [useOwn, setUseOwn] = useState(false);
  const [pass, setPass] = useState('');
  const [repeat, setRepeat] = useState('');
  const [strength, setStrength] = useState<Strength | null>(null);
  const onStrength = useCallback((s: Strength | null) => setStrength(s), []);
  const [plainWarning, setPlainWarning] = useState(false);
  const backup = useAction();
  const plain = useAction();

  const ownOk =
    !useOwn || (pass.length > 0 && pass === repeat && strength !== null && strength.verdict !== 'refused');

  const exportBackup = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await backup.run(() =>
      unwrap(api().notes.backupExport(useOwn ? { passphrase: pass } : {})),
    );
    if (result?.savedTo) {
      setPass('');
      setRepeat('');
      notify(t('backup.saved', { path: result.savedTo }));
    }
  };

  const exportPlain = async (): Promise<void> => {
    const result = await plain.run(() => unwrap(api().notes.exportPlain({})));
    if (result?.savedTo) notify(t('plain.saved', { path: result.savedTo }));
  };

  return (
    <div className="nb-backup">
      <section className="card" aria-labelledby={`${ids.own}-h`}>
        <h2 id={`${ids.own}-h`}>{t('backup.title')}</h2>
        <p className="hint">{t('backup.hint')}</p>
        <form onSubmit={(event) => void exportBackup(event)}>
          <fieldset className="nb-fieldset">
            <legend className="field-label">{t('backup.which')}</legend>
            <label className="choice">
              <input type="radio" name="backup-pass" checked={!useOwn} onChange={() => setUseOwn(false)} />
              <span>{t('backup.vaultPassphrase')}</span>
            </label>
            <label className="choice">
              <input type="radio" name="backup-pass" checked={useOwn} onChange={() => setUseOwn(true)} />
              <span>{t('backup.ownPassphrase')}</span>
            </label>
          </fieldset>
          {useOwn && (
            <>
              <PassphraseInput
                label={t('backup.newPassphrase')}
                value={pass}
                onChange={setPass}
                autoComplete="new-password"
                describedBy={ids.meter}
              />
              <StrengthMeter passphrase={pass} onStrength={onStrength} id={ids.meter} />
              <PassphraseInput
                label={t('backup.repeatPassphrase')}
                value={repeat}
                onChange={setRepeat}
                autoComplete="new-password"
              />
              {repeat.length > 0 && repeat !== pass && <p className="field-error">{t('backup.mismatch')}</p>}
            </>
          )}
          {backup.error && <ErrorMessage error={backup.error} />}
          <div className="actions">
            <button type="submit" className="button-primary" disabled={backup.busy || !ownOk}>
              {backup.busy ? t('backup.working') : t('backup.export')}
            </button>
          </div>
          {backup.busy && <div className="progress" aria-hidden="true" />}
        </form>
      </section>

      <RestoreBackup noteCount={noteCount} notify={notify} onRestored={onRestored} />

      <section className="card" aria-labelledby={`${ids.vaultPass}-h`}>
        <h2 id={`${ids.vaultPass}-h`}>{t('plain.title')}</h2>
        <p className="hint">{t('plain.hint')}</p>
        {plain.error && <ErrorMessage error={plain.error} />}
        <div className="actions">
          <button
            type="button"
            className="button-secondary"
            disabled={plain.busy}
            onClick={() => setPlainWarning(true)}
          >
            {t('plain.start')}
          </button>
        </div>
        <ConfirmDialog
          open={plainWarning}
          onOpenChange={setPlainWarning}
          title={t('plain.warningTitle')}
          confirmLabel={t('plain.confirm')}
          onConfirm={() => {
            setPlainWarning(false);
            void exportPlain();
          }}
        >
          <p className="alert alert-warn">{t('plain.warning', { count: noteCount })}</p>
        </ConfirmDialog>
      </section>
    </div>
  );
}
