import type { ReactElement } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReplySummary, RequestSummary } from '../../../../shared/ipc/contact';
import { api, unwrap, type UiError } from '../../ipc/tikho';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { CopyButton } from '../../ui/CopyButton';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import {
  FileOpenButton,
  Fingerprint,
  SignerBadge,
  useDateFormat,
  useReadableText,
  VerificationBadge,
} from './parts';
import { ArmorField } from '../../ui/ArmorField';
import { isolatedName } from '../../../../shared/text/externalName';

interface Props {
  requests: RequestSummary[];
  selectedId: string | null;
  onSelect: (id: string | null) => void;
  onChanged: () => Promise<void>;
  startNew: () => void;
  notify: (message: string) => void;
}

/** Sent requests and the replies to each, kept encrypted in the vault: one thread per request. */
export function ThreadsPanel({
  requests,
  selectedId,
  onSelect,
  onChanged,
  startNew,
  notify,
}: Props): ReactElement {
  const { t } = useTranslation('contact');
  const formatDate = useDateFormat();
  const selected = requests.find((request) => request.id === selectedId) ?? null;

  if (requests.length === 0) {
    return (
      <div className="card">
        <p>{t('threads.empty')}</p>
        <div className="actions actions-start">
          <button type="button" className="button-primary" onClick={startNew}>
            {t('threads.write')}
          </button>
        </div>
      </div>
    );
  }

  return (
    <div className="contact-panel">
      <ul className="thread-list" aria-label={t('threads.listLabel')}>
        {requests.map((request) => (
          <li key={request.id}>
            <button
              type="button"
              className="thread-item"
              aria-current={request.id === selectedId ? 'true' : undefined}
              onClick={() => onSelect(request.id)}
            >
              <span className="thread-title">{t(`category.${request.category}`)}</span>
              <span className="thread-meta">
                {t('threads.meta', {
                  team: isolatedName(request.teamName),
                  date: formatDate(request.createdAt),
                })}
              </span>
              <span className="thread-meta">
                {t(`status.${request.status}`)}
                {' · '}
                {t('threads.replies', { count: request.replies.length })}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {selected && <Thread key={selected.id} request={selected} onChanged={onChanged} notify={notify} />}
    </div>
  );
}

function Thread({
  request,
  onChanged,
  notify,
}: {
  request: RequestSummary;
  onChanged: () => Promise<void>;
  notify: (message: string) => void;
}): ReactElement {
  const { t } = useTranslation('contact');
  const formatDate = useDateFormat();
  const readable = useReadableText();
  const headingId = useId();
  const [paste, setPaste] = useState('');
  const action = useAction();
  const [fileError, setFileError] = useState<UiError | null>(null);

  const read = async (): Promise<void> => {
    setFileError(null);
    const result = await action.run(() =>
      unwrap(api().contact.readReply({ armored: paste, requestId: request.id })),
    );
    // Only a reply that was read clears the box; after any error the paste stays as it was.
    if (result) {
      setPaste('');
      notify(t(result.duplicate ? 'thread.duplicate' : 'thread.replyRead'));
      await onChanged();
    }
  };

  const removeReply = async (replyId: string): Promise<void> => {
    const done = await action.run(() =>
      unwrap(api().contact.removeReply({ requestId: request.id, replyId })),
    );
    if (done) {
      notify(t('thread.replyRemoved'));
      await onChanged();
    }
  };

  const markSent = async (): Promise<void> => {
    if (await action.run(() => unwrap(api().contact.markSent({ requestId: request.id })))) await onChanged();
  };

  const error = fileError ?? action.error;
  return (
    <article className="card thread" aria-labelledby={headingId}>
      <h2 id={headingId}>{t(`category.${request.category}`)}</h2>
      <p className="wizard-team">
        {t('thread.to', { team: isolatedName(request.teamName) })}{' '}
        <VerificationBadge verified={request.teamVerifiedAtSend} />
      </p>
      <p className="hint">
        {t('thread.written', { date: formatDate(request.createdAt) })}
        {' · '}
        {t(`status.${request.status}`)}
        {request.anonymous ? ` · ${t('thread.anonymous')}` : ''}
      </p>
      <details className="fold">
        <summary>{t('thread.showRequest')}</summary>
        <pre className="readable-text">{readable(request.category, request.fields, request.text)}</pre>
        <div className="actions actions-start">
          <CopyButton text={request.armored} label={t('thread.copyAgain')} />
        </div>
      </details>
      {request.status === 'encrypted' && (
        <div className="actions actions-start">
          <button
            type="button"
            className="button-secondary"
            disabled={action.busy}
            onClick={() => void markSent()}
          >
            {t('result.markSent')}
          </button>
        </div>
      )}

      <h3>{t('thread.replies')}</h3>
      {request.replies.length === 0 ? (
        <p className="hint">{t('thread.noReplies')}</p>
      ) : (
        <ol className="reply-list" aria-label={t('thread.replies')}>
          {request.replies.map((reply) => (
            <li key={reply.id}>
              <Reply reply={reply} requestId={request.id} />
              <div className="actions actions-start">
                <ConfirmDialog
                  title={t('thread.removeReplyTitle')}
                  confirmLabel={t('thread.removeReplyConfirm')}
                  onConfirm={() => void removeReply(reply.id)}
                  trigger={
                    <button type="button" className="button-quiet" disabled={action.busy}>
                      {t('thread.removeReply')}
                    </button>
                  }
                >
                  {t('thread.removeReplyBody')}
                </ConfirmDialog>
              </div>
            </li>
          ))}
        </ol>
      )}

      <ArmorField
        label={t('thread.pasteLabel')}
        hint={t('thread.pasteHint')}
        rows={6}
        value={paste}
        onChange={setPaste}
      />
      {error && <ErrorMessage error={error} />}
      {action.busy && <div className="progress" role="progressbar" aria-label={t('thread.reading')} />}
      <div className="actions actions-start">
        <button
          type="button"
          className="button-primary"
          disabled={action.busy || paste.trim() === ''}
          onClick={() => void read()}
        >
          {t('thread.read')}
        </button>
        <FileOpenButton label={t('thread.openFile')} onText={setPaste} onError={setFileError} />
      </div>
    </article>
  );
}

function Reply({ reply, requestId }: { reply: ReplySummary; requestId: string }): ReactElement {
  const { t } = useTranslation('contact');
  const formatDate = useDateFormat();
  return (
    <div className="reply">
      {reply.signedAfterRevocation && (
        <p className="alert alert-warn" role="alert">
          {t('revocation.replyAfter')}
        </p>
      )}
      <div className="reply-head">
        <SignerBadge signer={reply.signer} />
        <span className="hint">{t('thread.received', { date: formatDate(reply.receivedAt) })}</span>
      </div>
      {reply.signer.status !== 'verified' && <p className="hint">{t(`signerHelp.${reply.signer.status}`)}</p>}
      {reply.signer.fingerprintGroups && (
        <details className="fold">
          <summary>{t('thread.signerKey')}</summary>
          <Fingerprint groups={reply.signer.fingerprintGroups} />
        </details>
      )}
      <div className="reply-text">{reply.text.trimEnd()}</div>
      {reply.attachments.length > 0 && (
        <ReplyAttachments requestId={requestId} replyId={reply.id} attachments={reply.attachments} />
      )}
    </div>
  );
}

/** Files of a PGP/MIME reply: saved only after the "not encrypted once saved" warning. */
function ReplyAttachments({
  requestId,
  replyId,
  attachments,
}: {
  requestId: string;
  replyId: string;
  attachments: ReplySummary['attachments'];
}): ReactElement {
  const { t } = useTranslation('contact');
  const action = useAction();
  const [saving, setSaving] = useState<number | null>(null);
  const [saved, setSaved] = useState(false);
  const target = saving === null ? undefined : attachments[saving];
  return (
    <div className="reply-attachments">
      <h4>{t('thread.attachments', { count: attachments.length })}</h4>
      <ul>
        {attachments.map((file, index) => (
          <li key={`${index}-${file.name}`}>
            <span dir="auto">{file.name}</span>{' '}
            <button
              type="button"
              className="button-secondary"
              disabled={action.busy}
              onClick={() => setSaving(index)}
            >
              {t('thread.saveAttachment')}
            </button>
          </li>
        ))}
      </ul>
      {saved && (
        <p role="status" className="hint">
          {t('thread.attachmentSaved')}
        </p>
      )}
      {action.error && <ErrorMessage error={action.error} />}
      <ConfirmDialog
        open={saving !== null}
        onOpenChange={(open) => !open && setSaving(null)}
        title={t('thread.saveAttachmentTitle', { name: target?.name ?? '' })}
        confirmLabel={t('thread.saveAttachment')}
        tone="primary"
        onConfirm={() => {
          const index = saving;
          setSaving(null);
          if (index === null) return;
          void action
            .run(() => unwrap(api().contact.saveReplyAttachment({ requestId, replyId, index })))
            .then((result) => setSaved(result !== undefined && result !== null && result.saved));
        }}
      >
        <p className="alert alert-warn">{t('thread.attachmentWarning')}</p>
      </ConfirmDialog>
    </div>
  );
}
