import type { ReactElement } from 'react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import { useDrafts } from '../../app/drafts';
import type { ScreenProps } from '../../app/screenProps';
import { api, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { BackupPanel } from './BackupPanel';
import type { Hit, SortKey, Summary } from './NoteList';
import { NoteList, sortNotes } from './NoteList';
import { NoteEditor } from './NoteEditor';
import './notebook.css';
import { Tabs } from '../../ui/Tabs';

type Note = ResponseOf<'notes:get'>['note'];

const SEARCH_DELAY_MS = 150;

export function NotebookScreen({ notify }: ScreenProps): ReactElement {
  const { t, i18n } = useTranslation('notes');
  const [notes, setNotes] = useState<Summary[] | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [open, setOpen] = useState<Note | null>(null);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [tag, setTag] = useState<string | null>(null);
  const [sort, setSort] = useState<SortKey>('updated');
  const [justCreated, setJustCreated] = useState<string | null>(null);
  const { error, run } = useAction();
  const searchSeq = useRef(0);
  const drafts = useDrafts();

  const reload = useCallback(async () => {
    const [list, tagList] = await Promise.all([unwrap(api().notes.list({})), unwrap(api().notes.tags({}))]);
    setNotes(list.notes);
    setTags(tagList.tags);
  }, []);

  useEffect(() => {
    void run(async () => {
      await reload();
      // The note that was open before the lock opens again, text as autosaved.
      const wasOpen = drafts.current('note');
      if (!wasOpen) return;
      const opened = await unwrap(api().notes.get({ id: wasOpen.noteId })).catch(() => null);
      if (opened) setOpen(opened.note);
      else drafts.discard('note');
    });
  }, [run, reload, drafts]);

  useEffect(() => {
    const seq = ++searchSeq.current;
    if (query.trim().length === 0) return;
    const timer = setTimeout(() => {
      void unwrap(api().notes.search({ query }))
        .then((result) => {
          if (seq === searchSeq.current) setHits(result.hits);
        })
        .catch(() => {
          if (seq === searchSeq.current) setHits([]);
        });
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const searching = query.trim().length > 0 && hits !== null;
  const hitMap = useMemo(
    () => (searching && hits ? new Map(hits.map((h) => [h.id, h])) : null),
    [searching, hits],
  );
  const shown = useMemo(() => {
    let list = notes ?? [];
    if (tag) list = list.filter((n) => n.tags.includes(tag));
    if (hitMap) {
      const order = new Map([...hitMap.keys()].map((id, i) => [id, i]));
      return list
        .filter((n) => order.has(n.id))
        .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    }
    return sortNotes(list, sort, i18n.language);
  }, [notes, tag, hitMap, sort, i18n.language]);

  // A filter that hides the open note closes it: the editor never shows a note
  // the list says is not there. Closing flushes its autosave, so nothing typed is lost.
  const chooseTag = (next: string | null): void => {
    setTag(next);
    const openTags = notes?.find((n) => n.id === open?.id)?.tags ?? open?.tags ?? [];
    if (next !== null && open && !openTags.includes(next)) setOpen(null);
  };

  const select = (id: string): void => {
    void run(async () => {
      const { note } = await unwrap(api().notes.get({ id }));
      setOpen(note);
      drafts.save('note', { noteId: note.id });
    });
  };

  const create = (): void => {
    void run(async () => {
      const { note } = await unwrap(api().notes.create({ title: '', body: '', tags: [], pinned: false }));
      await reload();
      setJustCreated(note.id);
      setOpen({ ...note, body: '' });
      drafts.save('note', { noteId: note.id });
    });
  };

  const onSaved = useCallback((summary: Summary) => {
    setNotes((list) => list?.map((n) => (n.id === summary.id ? summary : n)) ?? list);
    void unwrap(api().notes.tags({}))
      .then((r) => setTags(r.tags))
      .catch(() => undefined);
  }, []);

  const remove = (note: Note): void => {
    void run(async () => {
      await unwrap(api().notes.delete({ id: note.id }));
      setOpen(null);
      drafts.discard('note');
      await reload();
      notify(t('editor.deleted', { title: note.title || t('untitled') }));
    });
  };

  const damagedCount = notes?.filter((n) => n.damaged).length ?? 0;

  return (
    <div className="screen nb-screen">
      <h1 tabIndex={-1}>{t('title')}</h1>
      <Tabs
        defaultValue="notes"
        label={t('tabs.label')}
        classes={{ root: 'nb-tabs', list: 'nb-tab-list', tab: 'nb-tab', panel: 'nb-tab-panel' }}
        tabs={[
          {
            value: 'notes',
            label: t('tabs.notes'),
            panel: (
              <>
                {error && <ErrorMessage error={error} />}
                {damagedCount > 0 && (
                  <p className="alert alert-warn" role="status">
                    {t('damagedBanner', { count: damagedCount })}
                  </p>
                )}
                {notes === null ? (
                  <p className="hint">{t('loading')}</p>
                ) : notes.length === 0 ? (
                  <div className="card nb-empty">
                    <h2>{t('empty.title')}</h2>
                    <p>{t('empty.body')}</p>
                    <button type="button" className="button-primary" onClick={create}>
                      {t('newNote')}
                    </button>
                  </div>
                ) : (
                  <div className="nb-layout">
                    <div className="nb-left">
                      <button type="button" className="button-primary nb-new" onClick={create}>
                        {t('newNote')}
                      </button>
                      <NoteList
                        notes={shown}
                        hits={hitMap}
                        tags={tags}
                        query={query}
                        onQuery={setQuery}
                        tag={tag}
                        onTag={chooseTag}
                        sort={sort}
                        onSort={setSort}
                        selected={open?.id ?? null}
                        onSelect={select}
                      />
                    </div>
                    <div className="nb-right">
                      {open ? (
                        <NoteEditor
                          key={open.id}
                          note={open}
                          focusTitle={open.id === justCreated}
                          onSaved={onSaved}
                          onDelete={() => remove(open)}
                          notify={notify}
                        />
                      ) : (
                        <div className="nb-pick">
                          <p>{t('pick')}</p>
                        </div>
                      )}
                    </div>
                  </div>
                )}
              </>
            ),
          },
          {
            value: 'backup',
            label: t('tabs.backup'),
            panel: (
              <>
                <BackupPanel
                  noteCount={notes?.length ?? 0}
                  notify={notify}
                  onRestored={() => void run(reload)}
                />
              </>
            ),
          },
        ]}
      />
    </div>
  );
}
