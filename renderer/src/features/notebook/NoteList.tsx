import type { ReactElement } from 'react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { MAX_QUERY } from '../../../../shared/ipc/notes';
import { formatDateTime } from '../../ui/dates';
import { Highlight } from './Highlight';

export type Summary = ResponseOf<'notes:list'>['notes'][number];
export type Hit = ResponseOf<'notes:search'>['hits'][number];
export type SortKey = 'updated' | 'created' | 'title';

export function sortNotes(notes: Summary[], sort: SortKey, language: string): Summary[] {
  const collator = new Intl.Collator(language, { sensitivity: 'base' });
  return [...notes].sort((a, b) => {
    if (a.pinned !== b.pinned) return a.pinned ? -1 : 1;
    if (sort === 'title') return collator.compare(a.title, b.title);
    if (sort === 'created') return b.createdAt - a.createdAt;
    return b.updatedAt - a.updatedAt;
  });
}

export function NoteList({
  notes,
  hits,
  tags,
  query,
  onQuery,
  tag,
  onTag,
  sort,
  onSort,
  selected,
  onSelect,
}: {
  notes: Summary[];
  hits: Map<string, Hit> | null;
  tags: string[];
  query: string;
  onQuery: (query: string) => void;
  tag: string | null;
  onTag: (tag: string | null) => void;
  sort: SortKey;
  onSort: (sort: SortKey) => void;
  selected: string | null;
  onSelect: (id: string) => void;
}): ReactElement {
  const { t, i18n } = useTranslation('notes');
  const ids = { search: useId(), sort: useId() };
  const searching = hits !== null;

  return (
    <div className="nb-list-pane">
      <div className="field nb-search">
        <label htmlFor={ids.search} className="field-label">
          {t('list.search')}
        </label>
        <input
          id={ids.search}
          type="search"
          value={query}
          maxLength={MAX_QUERY}
          placeholder={t('list.searchPlaceholder')}
          spellCheck={false}
          onChange={(event) => onQuery(event.target.value)}
        />
      </div>
      {tags.length > 0 && (
        <div className="nb-chips" role="group" aria-label={t('list.tags')}>
          {tags.map((name) => (
            <button
              key={name}
              type="button"
              className="nb-chip"
              aria-pressed={tag === name}
              onClick={() => onTag(tag === name ? null : name)}
            >
              {name}
            </button>
          ))}
        </div>
      )}
      <div className="nb-sort">
        <label htmlFor={ids.sort}>{t('list.sort')}</label>
        <select id={ids.sort} value={sort} onChange={(event) => onSort(event.target.value as SortKey)}>
          <option value="updated">{t('list.sortUpdated')}</option>
          <option value="created">{t('list.sortCreated')}</option>
          <option value="title">{t('list.sortTitle')}</option>
        </select>
      </div>
      {searching && (
        <p className="hint" role="status">
          {t('list.found', { count: notes.length })}
        </p>
      )}
      <ul className="nb-list" aria-label={t('list.label')}>
        {notes.map((note) => {
          const hit = hits?.get(note.id);
          const title = note.title || t('untitled');
          return (
            <li key={note.id}>
              <button
                type="button"
                className="nb-item"
                aria-current={selected === note.id ? 'true' : undefined}
                disabled={note.damaged}
                onClick={() => onSelect(note.id)}
              >
                <span className="nb-item-title">
                  {note.pinned && <span className="nb-pinned">{t('list.pinned')}</span>}
                  {note.damaged && <span className="nb-badge-damaged">{t('list.damaged')}</span>}
                  <span>
                    {hit && note.title ? <Highlight text={note.title} ranges={hit.title} /> : title}
                  </span>
                </span>
                {hit?.snippet && (
                  <span className="nb-snippet">
                    <Highlight text={hit.snippet.text} ranges={hit.snippet.ranges} />
                  </span>
                )}
                {note.damaged ? (
                  <span className="nb-item-meta">{t('list.damagedHint')}</span>
                ) : (
                  <span className="nb-item-meta">
                    {sort === 'created'
                      ? t('list.created', { when: formatDateTime(i18n.language, note.createdAt) })
                      : t('list.updated', { when: formatDateTime(i18n.language, note.updatedAt) })}
                    {note.tags.length > 0 && <span className="nb-item-tags">{note.tags.join(', ')}</span>}
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
