import type { DragEvent, ReactElement } from 'react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { MAX_ATTACHMENT_BYTES } from '../../../../shared/ipc/notes';
import { api, UiError, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatSize } from './formatting';
import { sendChunks } from './uploadFile';
import { isolatedName } from '../../../../shared/text/externalName';
import { ExternalName } from '../../ui/ExternalName';

type Attachment = ResponseOf<'notes:attachments'>['attachments'][number];

/** An image decrypted in main, shown from memory through a blob: URL that is revoked on unmount. */
function ImagePreview({ noteId, attachment }: { noteId: string; attachment: Attachment }): ReactElement {
  const { t } = useTranslation('notes');
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  useEffect(() => {
    let current = true;
    let made: string | null = null;
    void unwrap(api().notes.preview({ noteId, attachmentId: attachment.id }))
      .then(({ mime, base64 }) => {
        if (!current) return;
        const binary = atob(base64);
        const bytes = new Uint8Array(binary.length);
        for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
        made = URL.createObjectURL(new Blob([bytes], { type: mime }));
        setUrl(made);
      })
      .catch((caught: unknown) => {
        if (current)
          setError(caught instanceof UiError ? caught : new UiError({ code: 'ipc/unexpected', params: {} }));
      });
    return () => {
      current = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [noteId, attachment.id]);
  if (error) return <ErrorMessage error={error} />;
  if (!url) return <p className="hint">{t('attachments.loadingPreview')}</p>;
  return (
    <img
      className="nb-image"
      src={url}
      alt={t('attachments.previewAlt', { name: isolatedName(attachment.name) })}
    />
  );
}

export function Attachments({
  noteId,
  noteTitle,
  notify,
  onCountChange,
}: {
  noteId: string;
  noteTitle: string;
  notify: (message: string) => void;
  onCountChange: (count: number) => void;
}): ReactElement {
  const { t, i18n } = useTranslation('notes');
  const [items, setItems] = useState<Attachment[]>([]);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [exporting, setExporting] = useState<Attachment | null>(null);
  const [removing, setRemoving] = useState<Attachment | null>(null);
  const [dragging, setDragging] = useState(false);
  const { error, run } = useAction();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);

  const reload = useCallback(async () => {
    const { attachments } = await unwrap(api().notes.attachments({ noteId }));
    setItems(attachments);
    onCountChange(attachments.length);
  }, [noteId, onCountChange]);

  useEffect(() => {
    void run(reload);
  }, [run, reload]);

  const upload = async (files: File[]): Promise<void> => {
    for (const file of files) {
      const ok = await run(async () => {
        if (file.size > MAX_ATTACHMENT_BYTES)
          throw new UiError({
            code: 'notes/attachment-too-large',
            params: { maxBytes: MAX_ATTACHMENT_BYTES },
          });
        setProgress({ name: file.name, fraction: 0 });
        try {
          const uploadId = await sendChunks(
            file,
            () =>
              unwrap(
                api().notes.attachBegin({
                  noteId,
                  name: file.name.slice(0, 255) || 'file',
                  mime: file.type.slice(0, 100),
                  size: file.size,
                }),
              ),
            (fraction) => setProgress({ name: file.name, fraction }),
          );
          await unwrap(api().notes.attachFinish({ uploadId }));
        } finally {
          setProgress(null);
        }
        return true;
      });
      if (!ok) break;
      notify(t('attachments.added', { name: isolatedName(file.name) }));
    }
    await run(reload);
  };

  const onDrop = (event: DragEvent<HTMLElement>): void => {
    event.preventDefault();
    setDragging(false);
    void upload([...event.dataTransfer.files]);
  };

  const doExport = async (item: Attachment): Promise<void> => {
    const result = await run(() => unwrap(api().notes.exportAttachment({ noteId, attachmentId: item.id })));
    if (result?.savedTo) notify(t('attachments.exported', { path: result.savedTo }));
  };

  const doRemove = async (item: Attachment): Promise<void> => {
    await run(async () => {
      await unwrap(api().notes.removeAttachment({ noteId, attachmentId: item.id }));
      await reload();
    });
    notify(t('attachments.removed', { name: isolatedName(item.name) }));
  };

  return (
    <section
      className={dragging ? 'nb-attachments nb-dragging' : 'nb-attachments'}
      aria-labelledby={`${inputId}-heading`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className="nb-attachments-head">
        <h3 id={`${inputId}-heading`}>{t('attachments.title', { count: items.length })}</h3>
        <input
          ref={input}
          id={inputId}
          type="file"
          multiple
          className="nb-file-input"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            event.target.value = '';
            void upload(files);
          }}
        />
        <label htmlFor={inputId} className="button-secondary nb-file-label">
          {t('attachments.add')}
        </label>
      </div>
      <p className="hint">{t('attachments.hint')}</p>
      {progress && (
        <div role="status" className="nb-upload">
          {t('attachments.encrypting', {
            name: isolatedName(progress.name),
            percent: Math.round(progress.fraction * 100),
          })}
          <progress max={1} value={progress.fraction} aria-label={t('attachments.progress')} />
        </div>
      )}
      {error && <ErrorMessage error={error} />}
      {items.length > 0 && (
        <ul className="nb-attachment-list" aria-label={t('attachments.listLabel')}>
          {items.map((item) => (
            <li key={item.id} className="nb-attachment">
              {item.previewable && <ImagePreview noteId={noteId} attachment={item} />}
              <div className="nb-attachment-row">
                <span className="nb-attachment-name">
                  <ExternalName name={item.name} />
                </span>
                <span className="hint">{formatSize(item.size, i18n.language)}</span>
                <span className="nb-attachment-actions">
                  <button type="button" className="button-quiet" onClick={() => setExporting(item)}>
                    {t('attachments.export')}
                  </button>
                  <button type="button" className="button-quiet" onClick={() => setRemoving(item)}>
                    {t('attachments.remove')}
                  </button>
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
      <ConfirmDialog
        open={exporting !== null}
        onOpenChange={(open) => !open && setExporting(null)}
        title={t('attachments.exportTitle', { name: isolatedName(exporting?.name ?? '') })}
        confirmLabel={t('attachments.exportConfirm')}
        tone="primary"
        onConfirm={() => {
          const item = exporting;
          setExporting(null);
          if (item) void doExport(item);
        }}
      >
        <p className="alert alert-warn">{t('attachments.exportWarning')}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={removing !== null}
        onOpenChange={(open) => !open && setRemoving(null)}
        title={t('attachments.removeTitle', { name: isolatedName(removing?.name ?? '') })}
        confirmLabel={t('attachments.removeConfirm')}
        onConfirm={() => {
          const item = removing;
          setRemoving(null);
          if (item) void doRemove(item);
        }}
      >
        <p>
          {t('attachments.removeBody', {
            name: isolatedName(removing?.name ?? ''),
            note: noteTitle || t('untitled'),
          })}
        </p>
      </ConfirmDialog>
    </section>
  );
}
