import * as Switch from '@radix-ui/react-switch';
import type { ReactElement } from 'react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { MAX_TITLE } from '../../../../shared/ipc/notes';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Attachments } from './Attachments';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { formatDateTime } from '../../ui/dates';
import { parseTags } from './formatting';
import { MarkdownPreview } from './MarkdownPreview';
import type { SaveState } from './useAutosave';
import { useAutosave } from './useAutosave';

type Note = ResponseOf<'notes:get'>['note'];
type Summary = ResponseOf<'notes:update'>['note'];

function SaveIndicator({ state }: { state: SaveState }): ReactElement {
  const { t } = useTranslation('notes');
  const text =
    state === 'saving' || state === 'pending'
      ? t('editor.saving')
      : state === 'saved'
        ? t('editor.saved')
        : state === 'error'
          ? t('editor.notSaved')
          : t('editor.encrypted');
  return (
    <span className="nb-save" data-state={state} role="status" aria-live="polite">
      {text}
    </span>
  );
}

/** One open note. Keyed by note id by the screen, so switching notes flushes this one on unmount. */
export function NoteEditor({
  note,
  onSaved,
  onDelete,
  notify,
  focusTitle = false,
}: {
  focusTitle?: boolean;
  note: Note;
  onSaved: (summary: Summary) => void;
  onDelete: () => void;
  notify: (message: string) => void;
}): ReactElement {
  const { t, i18n } = useTranslation('notes');
  const ids = { title: useId(), tags: useId(), body: useId(), pin: useId() };
  const [updatedAt, setUpdatedAt] = useState(note.updatedAt);
  const saved = useCallback(
    (summary: Summary) => {
      setUpdatedAt(summary.updatedAt);
      onSaved(summary);
    },
    [onSaved],
  );
  const { draft, change, flush, state, error } = useAutosave(
    note.id,
    { title: note.title, tagsText: note.tags.join(', '), body: note.body, pinned: note.pinned },
    saved,
  );
  const [mode, setMode] = useState<'write' | 'preview'>('write');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [attachmentCount, setAttachmentCount] = useState(0);
  const blur = (): void => void flush();
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    // A note just made with "New note": the person starts with its title.
    if (focusTitle) titleRef.current?.focus();
  }, [focusTitle]);

  return (
    <article className="nb-editor" aria-label={t('editor.label')}>
      <div className="nb-editor-top">
        <SaveIndicator state={state} />
        <span className="hint nb-times">
          {t('editor.times', {
            created: formatDateTime(i18n.language, note.createdAt),
            updated: formatDateTime(i18n.language, updatedAt),
          })}
        </span>
      </div>
      {error && <ErrorMessage error={error} />}
      <div className="field">
        <label htmlFor={ids.title} className="field-label">
          {t('editor.title')}
        </label>
        <input
          id={ids.title}
          ref={titleRef}
          className="nb-title-input"
          value={draft.title}
          maxLength={MAX_TITLE}
          placeholder={t('editor.titlePlaceholder')}
          spellCheck={false}
          onChange={(event) => change({ title: event.target.value })}
          onBlur={blur}
        />
      </div>
      <div className="nb-meta-row">
        <div className="field nb-tags-field">
          <label htmlFor={ids.tags} className="field-label">
            {t('editor.tags')}
          </label>
          <input
            id={ids.tags}
            value={draft.tagsText}
            placeholder={t('editor.tagsPlaceholder')}
            spellCheck={false}
            onChange={(event) => change({ tagsText: event.target.value })}
            onKeyDown={(event) => {
              // Enter commits what was typed as a tag: tidied, saved, ready for the next.
              if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
              event.preventDefault();
              const tags = parseTags(draft.tagsText);
              change({ tagsText: tags.length > 0 ? `${tags.join(', ')}, ` : '' });
              void flush();
            }}
            onBlur={blur}
          />
        </div>
        <div className="nb-pin">
          <label htmlFor={ids.pin}>{t('editor.pin')}</label>
          <Switch.Root
            id={ids.pin}
            className="switch"
            checked={draft.pinned}
            onCheckedChange={(pinned) => {
              change({ pinned });
              void flush();
            }}
          >
            <Switch.Thumb className="switch-thumb" />
          </Switch.Root>
        </div>
      </div>
      <div className="nb-mode" role="group" aria-label={t('editor.mode')}>
        <button
          type="button"
          className="button-quiet"
          aria-pressed={mode === 'write'}
          onClick={() => setMode('write')}
        >
          {t('editor.write')}
        </button>
        <button
          type="button"
          className="button-quiet"
          aria-pressed={mode === 'preview'}
          onClick={() => {
            void flush();
            setMode('preview');
          }}
        >
          {t('editor.preview')}
        </button>
      </div>
      {mode === 'write' ? (
        <div className="field">
          <label htmlFor={ids.body} className="field-label">
            {t('editor.body')}
          </label>
          <textarea
            id={ids.body}
            className="nb-body"
            value={draft.body}
            spellCheck={false}
            placeholder={t('editor.bodyPlaceholder')}
            onChange={(event) => change({ body: event.target.value })}
            onBlur={blur}
          />
          <p className="hint">{t('editor.markdownHint')}</p>
        </div>
      ) : (
        <MarkdownPreview source={draft.body} />
      )}
      <Attachments
        noteId={note.id}
        noteTitle={draft.title}
        notify={notify}
        onCountChange={setAttachmentCount}
      />
      <div className="nb-danger-zone">
        <button type="button" className="button-danger" onClick={() => setConfirmDelete(true)}>
          {t('editor.delete')}
        </button>
      </div>
      <ConfirmDialog
        open={confirmDelete}
        onOpenChange={setConfirmDelete}
        title={t('editor.deleteTitle', { title: draft.title || t('untitled') })}
        confirmLabel={t('editor.deleteConfirm')}
        onConfirm={onDelete}
      >
        <p>{t('editor.deleteBody', { count: attachmentCount })}</p>
      </ConfirmDialog>
    </article>
  );
}
