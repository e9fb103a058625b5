import type { FormEvent, ReactElement } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_BACKUP_BYTES } from '../../../../shared/ipc/notes';
import { api, UiError, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { PassphraseInput } from '../lock/PassphraseInput';
import { sendChunks } from './uploadFile';

/**
 * Restore an encrypted backup into an empty notebook: on the backup screen, and in first run for
 * a person who comes with a backup from another computer.
 */
export function RestoreBackup({
  noteCount,
  notify,
  onRestored,
}: {
  noteCount: number;
  notify: (message: string) => void;
  onRestored: () => void;
}): ReactElement {
  const { t } = useTranslation('notes');
  const id = useId();
  const [restoreFile, setRestoreFile] = useState<File | null>(null);
  const [restorePass, setRestorePass] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const restore = useAction();

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

  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('restore.title')}</h2>
      {noteCount > 0 ? (
        <p className="hint">{t('restore.onlyEmpty', { count: noteCount })}</p>
      ) : (
        <form onSubmit={(event) => void doRestore(event)}>
          <p className="hint">{t('restore.hint')}</p>
          <div className="field">
            <label htmlFor={id} className="field-label">
              {t('restore.file')}
            </label>
            {/* The browser's own "Choose File / No file chosen" speaks the system's language,
                not the person's: the input is hidden and a translated label stands for it. */}
            <div className="nb-file-pick">
              <input
                id={id}
                type="file"
                className="nb-file-input"
                aria-describedby={`${id}-chosen`}
                onChange={(event) => setRestoreFile(event.target.files?.[0] ?? null)}
              />
              <label htmlFor={id} className="button-secondary nb-file-label">
                {t('restore.choose')}
              </label>
              <span id={`${id}-chosen`} className="hint">
                {restoreFile ? restoreFile.name : t('restore.noFile')}
              </span>
            </div>
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
  );
}
