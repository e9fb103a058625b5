import type { FormEvent, ReactElement } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryRetention } from '../../../../shared/channel/channelTypes';
import { useDrafts } from '../../app/drafts';
import { api, unwrap } from '../../ipc/tikho';
import { DraftKept } from '../../ui/DraftKept';
import { useAction } from '../../ui/useAction';
import { ChannelError } from './ChannelError';
import { EncryptedResult } from './EncryptedResult';
import { formatDateTime } from '../../ui/dates';
import { threadLabel } from './format';
import { SafetyNumberDialog } from './SafetyNumberDialog';
import { useLoad } from './useLoad';
import { isolatedName } from '../../../../shared/text/externalName';

const RETENTIONS: HistoryRetention[] = ['forever', '7d', '1d', 'none'];

/**
 * One conversation: its messages, the history setting (shown on the thread), the verified state
 * with the safety number one click away, and compose → Encrypt → copy-out.
 */
export function ThreadPanel({
  threadId,
  refreshKey,
  notify,
  onChanged,
}: {
  threadId: string;
  /** Bumped by the parent when a pasted message landed in this thread. */
  refreshKey: number;
  notify: (message: string) => void;
  onChanged: () => void;
}): ReactElement {
  const { t, i18n } = useTranslation('channel');
  const ids = { compose: useId(), retention: useId(), heading: useId() };
  const drafts = useDrafts();
  // The reply half-typed in this thread before a lock (one reply draft at a time).
  const [body, setBodyState] = useState(() => {
    const stored = drafts.current('reply');
    return stored?.threadId === threadId ? stored.body : '';
  });
  const setBody = (next: string): void => {
    setBodyState(next);
    if (next.trim() !== '') drafts.save('reply', { threadId, body: next });
    else if (drafts.current('reply')?.threadId === threadId) drafts.discard('reply');
  };
  const [envelope, setEnvelope] = useState<string | null>(null);
  const [safetyOpen, setSafetyOpen] = useState(false);
  const load = useLoad(() => unwrap(api().channel.openThread({ threadId })), [threadId, refreshKey]);
  const opened = load.data;
  const reload = load.reload;
  const send = useAction();
  const retention = useAction();

  if (!opened) {
    return <div className="thread-panel">{load.error && <ChannelError error={load.error} />}</div>;
  }
  const { thread, messages } = opened;
  const label = threadLabel(thread);
  const peerName = label.kind === 'team' ? isolatedName(label.name) : t('thread.person', { tag: label.tag });

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const sent = await send.run(() => unwrap(api().channel.send({ threadId, body })));
    if (sent) {
      setEnvelope(sent.envelope);
      setBody('');
      reload();
      onChanged();
    }
  };
  const changeRetention = async (value: HistoryRetention): Promise<void> => {
    const done = await retention.run(() =>
      unwrap(api().channel.setRetention({ threadId, retention: value })),
    );
    if (done) {
      reload();
      notify(t('retention.saved'));
    }
  };

  return (
    <section className="thread-panel card" aria-labelledby={ids.heading}>
      <header className="thread-header">
        <div>
          <h2 id={ids.heading}>{peerName}</h2>
          <span
            className={thread.verified && !thread.identityChanged ? 'badge badge-ok' : 'badge badge-warn'}
          >
            {thread.identityChanged
              ? t('badge.changed')
              : thread.verified
                ? t('badge.verified')
                : t('badge.unverified')}
          </span>{' '}
          <button type="button" className="button-link" onClick={() => setSafetyOpen(true)}>
            {t('thread.safetyNumber')}
          </button>
        </div>
        <div className="retention">
          <label htmlFor={ids.retention} className="field-label">
            {t('retention.label')}
          </label>
          <select
            id={ids.retention}
            value={thread.retention}
            disabled={retention.busy}
            onChange={(event) => void changeRetention(event.target.value as HistoryRetention)}
          >
            {RETENTIONS.map((value) => (
              <option key={value} value={value}>
                {t(`retention.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </header>
      <p className="hint">{t(`retention.explain.${thread.retention}`)}</p>
      {retention.error && <ChannelError error={retention.error} />}

      {thread.teamRevoked && (
        <p className="alert alert-error" role="alert">
          {t('thread.teamRevoked', { name: peerName })}
        </p>
      )}
      {thread.identityChanged && (
        <div className="alert alert-error identity-banner" role="alert">
          <p>{t('thread.identityChanged', { name: peerName })}</p>
          <button type="button" className="button-primary" onClick={() => setSafetyOpen(true)}>
            {t('thread.compareNow')}
          </button>
        </div>
      )}
      {!thread.verified && !thread.identityChanged && !thread.teamRevoked && (
        <p className="alert alert-warn">
          {t('thread.notVerified')}{' '}
          <button type="button" className="button-link" onClick={() => setSafetyOpen(true)}>
            {t('thread.compareNow')}
          </button>
        </p>
      )}

      {messages.length === 0 ? (
        <p className="hint empty-thread">
          {thread.retention === 'none' ? t('thread.emptyNone') : t('thread.empty')}
        </p>
      ) : (
        <div className="messages-scroll" role="region" aria-label={t('thread.messages')} tabIndex={0}>
          {/* Scrolls on its own at small sizes: focusable, so the keyboard can scroll it too. */}
          <ol className="messages" aria-label={t('thread.messages')}>
            {messages.map((message) => (
              <li
                key={`${message.envelopeId}-${message.direction}`}
                className={`message message-${message.direction}`}
              >
                <div className="message-meta">
                  <span>{message.direction === 'out' ? t('thread.you') : peerName}</span>
                  <time dateTime={new Date(message.storedAt).toISOString()}>
                    {formatDateTime(i18n.language, message.storedAt)}
                  </time>
                </div>
                <p className="message-body">{message.body}</p>
              </li>
            ))}
          </ol>
        </div>
      )}

      <form className="compose" onSubmit={(event) => void submit(event)}>
        <label htmlFor={ids.compose} className="field-label">
          {t('compose.label')}
        </label>
        <textarea
          id={ids.compose}
          rows={4}
          value={body}
          maxLength={32 * 1024}
          disabled={thread.identityChanged || thread.teamRevoked}
          onChange={(event) => setBody(event.target.value)}
        />
        <DraftKept kind="reply" applies={drafts.current('reply')?.threadId === threadId} />
        {send.error && <ChannelError error={send.error} />}
        <div className="actions">
          <button
            type="submit"
            className="button-primary"
            disabled={send.busy || thread.identityChanged || thread.teamRevoked || body.trim() === ''}
          >
            {t('compose.encrypt')}
          </button>
        </div>
      </form>
      {envelope && (
        <EncryptedResult
          text={envelope}
          kind="envelope"
          title={t('result.title')}
          hint={t('result.hint', { name: peerName })}
          notify={notify}
        />
      )}

      <SafetyNumberDialog
        threadId={threadId}
        peerName={peerName}
        open={safetyOpen}
        onOpenChange={setSafetyOpen}
        onVerified={() => {
          reload();
          onChanged();
          notify(t('safety.verifiedToast'));
        }}
      />
    </section>
  );
}
