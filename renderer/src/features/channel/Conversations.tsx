import type { ReactElement, ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../ipc/tikho';
import { ChannelError } from './ChannelError';
import { formatDateTime } from '../../ui/dates';
import { threadLabel, threadStatusKey } from './format';
import { PasteMessage } from './PasteMessage';
import { ThreadPanel } from './ThreadPanel';
import { useLoad } from './useLoad';
import { isolatedName } from '../../../../shared/text/externalName';

/** Threads like a messenger: the list beside the open thread, with the paste box above both. */
export function Conversations({
  notify,
  selected,
  onSelect,
  reloadKey,
  aside,
  emptyText,
}: {
  notify: (message: string) => void;
  selected: string | null;
  onSelect: (threadId: string | null) => void;
  /** Bumped by the parent when threads changed elsewhere (a session started, a team revoked). */
  reloadKey: number;
  /** Extra content above the thread list (the user's teams). */
  aside?: ReactNode;
  emptyText: string;
}): ReactElement {
  const { t, i18n } = useTranslation('channel');
  const [refreshKey, setRefreshKey] = useState(0);
  const list = useLoad(() => unwrap(api().channel.listThreads({})), [reloadKey]);
  const threads = list.data?.threads ?? [];
  const reload = list.reload;

  const current = selected ?? threads[0]?.threadId ?? null;

  return (
    <div className="conversations">
      <PasteMessage
        onReceived={(received) => {
          notify(received.newThread ? t('paste.newThread') : t('paste.received'));
          onSelect(received.threadId);
          setRefreshKey((key) => key + 1);
          reload();
        }}
      />
      <div className="conversation-grid">
        <aside className="thread-list-column">
          {aside}
          <h2 className="section-title">{t('threads.title')}</h2>
          {list.error && <ChannelError error={list.error} />}
          {threads.length === 0 ? (
            <p className="hint">{emptyText}</p>
          ) : (
            <ul className="thread-list" aria-label={t('threads.title')}>
              {threads.map((thread) => {
                const label = threadLabel(thread);
                const name =
                  label.kind === 'team' ? isolatedName(label.name) : t('thread.person', { tag: label.tag });
                return (
                  <li key={thread.threadId}>
                    <button
                      type="button"
                      className="thread-item"
                      aria-current={thread.threadId === current ? 'true' : undefined}
                      onClick={() => onSelect(thread.threadId)}
                    >
                      <span className="thread-name">{name}</span>
                      <span className="thread-meta">
                        {t(threadStatusKey(thread))}
                        {' · '}
                        {t(`retention.short.${thread.retention}`)}
                        {thread.lastMessageAt !== null &&
                          ` · ${formatDateTime(i18n.language, thread.lastMessageAt)}`}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </aside>
        {current ? (
          <ThreadPanel
            key={current}
            threadId={current}
            // Either bump reloads the open thread: a message pasted here, or a team changed (revoked).
            refreshKey={refreshKey + reloadKey}
            notify={notify}
            onChanged={reload}
          />
        ) : (
          <div className="thread-panel thread-placeholder card">
            <p className="hint">{t('threads.pick')}</p>
          </div>
        )}
      </div>
    </div>
  );
}
