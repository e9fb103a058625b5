import type { FormEvent, ReactElement } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fieldsForCategory, optionLabelKey } from '../../../../shared/contact/forms';
import { labelKey } from '../contact/parts';
import { api, unwrap } from '../../ipc/tikho';
import { useAction } from '../../ui/useAction';
import { ChannelError } from './ChannelError';
import { EncryptedResult } from './EncryptedResult';
import { formatDateTime } from '../../ui/dates';
import { useLoad } from './useLoad';
import { ArmorField } from '../../ui/ArmorField';

/**
 * Requests made with "Contact support" (OpenPGP), decrypted with the team key: one thread per
 * person (per reply key), category + form fields + text, and replies encrypted to the reply key.
 */
export function DeskInbox({ notify }: { notify: (message: string) => void }): ReactElement {
  const { t } = useTranslation('desk');
  const [selected, setSelected] = useState<string | null>(null);
  const [pasted, setPasted] = useState('');
  const [refresh, setRefresh] = useState(0);
  const open = useAction();
  const list = useLoad(() => unwrap(api().channel.inbox({})), [refresh]);
  const people = list.data?.people ?? [];

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const opened = await open.run(() => unwrap(api().channel.openRequest({ armored: pasted })));
    if (opened) {
      setPasted('');
      setSelected(opened.person.personId);
      setRefresh((key) => key + 1);
      notify(opened.newPerson ? t('inbox.newPerson') : t('inbox.added'));
    }
  };

  const current = selected ?? people[0]?.personId ?? null;
  return (
    <div className="conversations">
      <form className="card paste-message" onSubmit={(event) => void submit(event)}>
        <ArmorField
          label={t('inbox.pasteLabel')}
          hint={t('inbox.pasteHint')}
          rows={4}
          value={pasted}
          placeholder="-----BEGIN PGP MESSAGE-----"
          onChange={setPasted}
        />
        {open.error && <ChannelError error={open.error} />}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={open.busy || pasted.trim() === ''}>
            {t('inbox.decrypt')}
          </button>
        </div>
      </form>
      <div className="conversation-grid">
        <aside className="thread-list-column">
          <h2 className="section-title">{t('inbox.title')}</h2>
          {list.error && <ChannelError error={list.error} />}
          {people.length === 0 ? (
            <p className="hint">{t('inbox.empty')}</p>
          ) : (
            <ul className="thread-list" aria-label={t('inbox.title')}>
              {people.map((person) => (
                <li key={person.personId}>
                  <button
                    type="button"
                    className="thread-item"
                    aria-current={person.personId === current ? 'true' : undefined}
                    onClick={() => setSelected(person.personId)}
                  >
                    <span className="thread-name">
                      {person.anonymous
                        ? t('inbox.anonymousPerson', { tag: person.personId.slice(-4) })
                        : t('inbox.person', { tag: person.personId.slice(-4) })}
                    </span>
                    <span className="thread-meta">
                      {person.lastCategory ? t(`contact:category.${person.lastCategory}`) : ''}
                      {' · '}
                      {t('inbox.entries', { count: person.entryCount })}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </aside>
        {current ? (
          <PersonThread key={current} personId={current} refresh={refresh} notify={notify} />
        ) : (
          <div className="thread-panel thread-placeholder card">
            <p className="hint">{t('inbox.pick')}</p>
          </div>
        )}
      </div>
    </div>
  );
}

function PersonThread({
  personId,
  refresh,
  notify,
}: {
  personId: string;
  refresh: number;
  notify: (message: string) => void;
}): ReactElement {
  const { t, i18n } = useTranslation('desk');
  const replyId = useId();
  const [text, setText] = useState('');
  const [armored, setArmored] = useState<string | null>(null);
  const reply = useAction();
  const load = useLoad(() => unwrap(api().channel.openPerson({ personId })), [personId, refresh]);
  const data = load.data;

  if (!data) return <div className="thread-panel">{load.error && <ChannelError error={load.error} />}</div>;
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await reply.run(() => unwrap(api().channel.replyRequest({ personId, text })));
    if (result) {
      setArmored(result.armored);
      setText('');
      load.reload();
    }
  };
  // The form's keys are `contact.…` in the contact namespace (labelKey strips that prefix);
  // before, `contact:contact.…` never matched and the desk saw raw values like "normal".
  const fieldLabel = (key: string): string =>
    t(`contact:${labelKey(`contact.field.${key}`)}`, {
      defaultValue: t(`fields.${key}`, { defaultValue: key }),
    });
  const valueLabel = (key: string, value: string): string =>
    t(`contact:${labelKey(optionLabelKey(key, value))}`, { defaultValue: value });

  return (
    <section className="thread-panel card" aria-label={t('inbox.threadLabel')}>
      <header className="thread-header">
        <div>
          <h2>
            {data.person.anonymous
              ? t('inbox.anonymousPerson', { tag: personId.slice(-4) })
              : t('inbox.person', { tag: personId.slice(-4) })}
          </h2>
          <p className="hint">
            {data.person.anonymous ? t('inbox.anonymousHint') : t('inbox.signedHint')}{' '}
            <span className="mono">{data.person.fingerprintGroups.join(' ')}</span>
          </p>
        </div>
      </header>
      <div className="messages-scroll" role="region" aria-label={t('inbox.messages')} tabIndex={0}>
        {/* Scrolls on its own at small sizes: focusable, so the keyboard can scroll it too. */}
        <ol className="messages" aria-label={t('inbox.messages')}>
          {data.entries.map((entry) => (
            <li key={entry.id} className={`message message-${entry.direction}`}>
              <div className="message-meta">
                <span>
                  {entry.direction === 'out'
                    ? t('inbox.team')
                    : entry.category
                      ? t(`contact:category.${entry.category}`)
                      : t('inbox.request')}
                </span>
                <time dateTime={entry.at}>{formatDateTime(i18n.language, entry.at)}</time>
              </div>
              {entry.category && (
                <dl className="request-fields">
                  {fieldsForCategory(entry.category)
                    .filter((field) => (entry.fields[field.key] ?? '') !== '')
                    .map((field) => (
                      <div key={field.key}>
                        <dt>{fieldLabel(field.key)}</dt>
                        <dd>
                          {field.kind === 'select'
                            ? valueLabel(field.key, entry.fields[field.key] ?? '')
                            : entry.fields[field.key]}
                        </dd>
                      </div>
                    ))}
                </dl>
              )}
              {entry.text && <p className="message-body">{entry.text}</p>}
            </li>
          ))}
        </ol>
      </div>
      <form className="compose" onSubmit={(event) => void submit(event)}>
        <label htmlFor={replyId} className="field-label">
          {t('inbox.replyLabel')}
        </label>
        <textarea id={replyId} rows={4} value={text} onChange={(event) => setText(event.target.value)} />
        {reply.error && <ChannelError error={reply.error} />}
        <div className="actions">
          <button type="submit" className="button-primary" disabled={reply.busy || text.trim() === ''}>
            {t('inbox.encryptReply')}
          </button>
        </div>
      </form>
      {armored && (
        <EncryptedResult
          text={armored}
          kind="reply"
          title={t('inbox.replyTitle')}
          hint={t('inbox.replyHint')}
          notify={notify}
        />
      )}
    </section>
  );
}
