import type { FormEvent, ReactElement } from 'react';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_BACKUP_BYTES } from '../../../../shared/ipc/notes';
import { api, UiError, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { PassphraseInput } from '../lock/PassphraseInput';
import type { Strength } from '../lock/StrengthMeter';
import { StrengthMeter } from '../lock/StrengthMeter';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { sendChunks } from './uploadFile';

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
  const ids = { own: useId(), vaultPass: useId(), file: useId(), meter: useId() };
  const [useOwn, setUseOwn] = useState(false);
  const [pass, setPass] = useState('');
  const [repeat, setRepeat] = useState('');
  const [strength, setStrength] = useState<Strength | null>(null);
  const onStrength = useCallback((s: Strength | null) => setStrength(s), []);
  const [restoreFile, setRestoreFile] = useState<File | null>(null);
  const [restorePass, setRestorePass] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [plainWarning, setPlainWarning] = useState(false);
  const backup = useAction();
  const restore = useAction();
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

  const doRestore = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const file = restoreFile;
    if (!file) return;
    const result = await restore.run(async () => {
      if (file.size > MAX_BACKUP_BYTES || file.size === 0)
        throw new UiError({ code: 'notes/backup-damaged', params: {} });
      setProgress(0);
      try {
        const uploadId = await sendChunks(
          file,
          () => unwrap(api().notes.restoreBegin({ size: file.size })),
          setProgress,
        );
        setProgress(1);
        return await unwrap(api().notes.restoreFinish({ uploadId, passphrase: restorePass }));
      } finally {
        setProgress(null);
      }
    });
    if (result) {
      setRestorePass('');
      setRestoreFile(null);
      notify(t('restore.done', { count: result.notes }));
      onRestored();
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

      <section className="card" aria-labelledby={`${ids.file}-h`}>
        <h2 id={`${ids.file}-h`}>{t('restore.title')}</h2>
        {noteCount > 0 ? (
          <p className="hint">{t('restore.onlyEmpty', { count: noteCount })}</p>
        ) : (
          <form onSubmit={(event) => void doRestore(event)}>
            <p className="hint">{t('restore.hint')}</p>
            <div className="field">
              <label htmlFor={ids.file} className="field-label">
                {t('restore.file')}
              </label>
              <input
                id={ids.file}
                type="file"
                onChange={(event) => setRestoreFile(event.target.files?.[0] ?? null)}
              />
            </div>
            <PassphraseInput
              label={t('restore.passphrase')}
              value={restorePass}
              onChange={setRestorePass}
              autoComplete="off"
            />
            {restore.error && <ErrorMessage error={restore.error} />}
            {progress !== null && (
              <div role="status" className="nb-upload">
                {t('restore.progress', { percent: Math.round(progress * 100) })}
                <progress max={1} value={progress} aria-label={t('restore.title')} />
              </div>
            )}
            <div className="actions">
              <button
                type="submit"
                className="button-primary"
                disabled={restore.busy || !restoreFile || restorePass.length === 0}
              >
                {t('restore.start')}
              </button>
            </div>
          </form>
        )}
      </section>

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
