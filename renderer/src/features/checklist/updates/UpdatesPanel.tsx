import type { ReactElement } from 'react';
import type { UiError } from '../../../ipc/tikho';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppliedUpdateItem, UpdatePreviewView } from '../../../../../shared/ipc/checklistUpdates';
import type { Language } from '../../../../../shared/settings';
import { api, unwrap } from '../../../ipc/tikho';
import { ArmorField } from '../../../ui/ArmorField';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { ErrorMessage } from '../../../ui/ErrorMessage';
import { useAction } from '../../../ui/useAction';
import { FileOpenButton } from '../../contact/parts';
import { useDateFormat } from '../parts';
import { ChangesList } from './ChangesList';
import { MakeUpdate } from './MakeUpdate';

/** A file larger than this is refused before it is read (main's own cap is 1 MiB of text). */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Signed updates from a verified support team: paste or open, see exactly what would change,
 * then apply — or remove an applied one and get the previous content back.
 */
export function UpdatesPanel({
  lang,
  isDesk,
  notify,
  onContentChanged,
}: {
  lang: Language;
  isDesk: boolean;
  notify: (message: string) => void;
  onContentChanged: () => void;
}): ReactElement {
  const { t } = useTranslation('checklist');
  const { day } = useDateFormat();
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<UpdatePreviewView | null>(null);
  const [applied, setApplied] = useState<AppliedUpdateItem[]>([]);
  const [lastChange, setLastChange] = useState<UpdatePreviewView['changes'] | null>(null);
  const action = useAction();
  const [fileError, setFileError] = useState<UiError | null>(null);
  const { run } = action;

  const refresh = useCallback(async () => {
    setApplied((await unwrap(api().checklist.listUpdates({}))).updates);
  }, []);
  useEffect(() => {
    void run(refresh);
  }, [run, refresh]);

  const check = async (): Promise<void> => {
    setPreview(null);
    setLastChange(null);
    const result = await run(() => unwrap(api().checklist.previewUpdate({ text, lang })));
    if (result) setPreview(result.preview);
  };
  const apply = async (): Promise<void> => {
    const result = await run(() => unwrap(api().checklist.applyUpdate({ text, lang })));
    if (!result) return;
    setPreview(null);
    setText('');
    setLastChange(result.applied.changes);
    notify(t('updates.appliedNotice', { team: result.applied.teamName }));
    onContentChanged();
    await run(refresh);
  };
  const remove = async (update: AppliedUpdateItem): Promise<void> => {
    const result = await run(() => unwrap(api().checklist.removeUpdate({ teamId: update.teamId, lang })));
    if (!result) return;
    setLastChange(result.changes);
    notify(t('updates.removedNotice', { team: update.teamName }));
    onContentChanged();
    await run(refresh);
  };

  return (
    <div className="cl-updates">
      <h2>{t('updates.title')}</h2>
      <p>{t('updates.explain')}</p>
      {action.error && <ErrorMessage error={action.error} />}
      {fileError && <ErrorMessage error={fileError} />}

      <ArmorField
        label={t('updates.field')}
        hint={t('updates.fieldHint')}
        value={text}
        rows={6}
        onChange={(value) => {
          setText(value);
          setPreview(null);
        }}
      />
      <div className="actions">
        <FileOpenButton
          label={t('updates.openFile')}
          onText={(value) => {
            setFileError(null);
            setText(value);
            setPreview(null);
          }}
          onError={setFileError}
          maxBytes={MAX_FILE_BYTES}
          tooLargeCode="checklist/update-too-large"
        />
        <button
          type="button"
          className="button-primary"
          disabled={action.busy || text.trim() === ''}
          onClick={() => void check()}
        >
          {t('updates.check')}
        </button>
      </div>

      {preview && (
        <section className="card cl-update-preview" aria-label={t('updates.previewLabel')}>
          <h3>{t('updates.previewTitle', { team: preview.teamName })}</h3>
          <p>
            {preview.replaces === null
              ? t('updates.previewMeta', {
                  sequence: preview.sequence,
                  date: day(preview.issuedAt.slice(0, 10)),
                })
              : t('updates.previewReplaces', {
                  sequence: preview.sequence,
                  date: day(preview.issuedAt.slice(0, 10)),
                  previous: preview.replaces,
                })}
          </p>
          <ChangesList changes={preview.changes} label={t('updates.whatChanges')} />
          <div className="actions">
            <button type="button" className="button-secondary" onClick={() => setPreview(null)}>
              {t('common:actions.cancel')}
            </button>
            <button
              type="button"
              className="button-primary"
              disabled={action.busy}
              onClick={() => void apply()}
            >
              {t('updates.apply')}
            </button>
          </div>
        </section>
      )}

      {lastChange && (
        <section className="card" aria-label={t('updates.lastChangeLabel')}>
          <h3>{t('updates.lastChangeLabel')}</h3>
          <ChangesList changes={lastChange} label={t('updates.whatChanged')} />
        </section>
      )}

      <h3>{t('updates.appliedTitle')}</h3>
      {applied.length === 0 ? (
        <p>{t('updates.noneApplied')}</p>
      ) : (
        <ul className="cl-update-list" aria-label={t('updates.appliedTitle')}>
          {applied.map((update) => (
            <li key={update.teamId} className="card">
              <strong>{update.teamName}</strong>{' '}
              {t('updates.appliedMeta', {
                sequence: update.sequence,
                date: day(update.issuedAt.slice(0, 10)),
                applied: day(update.appliedAt.slice(0, 10)),
              })}
              <ConfirmDialog
                title={t('updates.removeTitle', { team: update.teamName })}
                confirmLabel={t('updates.removeConfirm')}
                onConfirm={() => void remove(update)}
                trigger={
                  <button type="button" className="button-quiet" disabled={action.busy}>
                    {t('updates.remove', { team: update.teamName })}
                  </button>
                }
              >
                <p>{update.earlier > 0 ? t('updates.removeBodyEarlier') : t('updates.removeBodyShipped')}</p>
              </ConfirmDialog>
            </li>
          ))}
        </ul>
      )}

      {isDesk && <MakeUpdate />}
    </div>
  );
}
