import { ConfirmDialog } from '../../ui/ConfirmDialog';
import type { ReactElement } from 'react';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CATEGORIES,
  KINDS,
  PRIORITIES,
  SCENARIOS,
  type Kind,
  type Priority,
  type Scenario,
} from '../../../../shared/checklist/schema';
import {
  filterItems,
  firstHandful,
  firstStepsFilter,
  EMPTY_FILTER,
  type Answers,
  type ItemFilter,
  type ItemStatus,
  type ItemView,
} from '../../../../shared/checklist/view';
import type { ResponseOf } from '../../../../shared/ipc/contract';
import type { ScreenProps } from '../../app/screenProps';
import { api, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { FirstQuestions } from './FirstQuestions';
import { HelpContacts } from './HelpContacts';
import { IncidentGuide } from './IncidentGuide';
import { ItemCard } from './ItemCard';
import { LIVE_ACTIONS } from './liveActions';
import { Chip, ProgressBar, ProgressRing, useLanguage } from './parts';
import { WorkshopPanel } from './WorkshopPanel';
import { UpdatesPanel } from './updates/UpdatesPanel';
import './checklist.css';
import { Tabs } from '../../ui/Tabs';

type Content = ResponseOf<'checklist:content'>;
type Progress = ResponseOf<'checklist:progress'>;
type Capabilities = ResponseOf<'checklist:capabilities'>;
type Tab = 'category' | 'scenario' | 'incident' | 'help' | 'updates';
const SCOPE_CHIPS = ['RU', 'UA', 'EX'] as const;

const toggle = <T,>(list: readonly T[], value: T): T[] =>
  list.includes(value) ? list.filter((v) => v !== value) : [...list, value];

/** The checklist: first two questions, then items by category, scenario, incident; help; workshop mode. */
export function ChecklistScreen({ notify, go }: ScreenProps): ReactElement {
  const { t } = useTranslation('checklist');
  const lang = useLanguage();
  const load = useAction();
  const change = useAction();
  const [content, setContent] = useState<Content | null>(null);
  const [answers, setAnswers] = useState<Answers | null | undefined>(undefined);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [allEssentials, setAllEssentials] = useState(false);
  const [capabilities, setCapabilities] = useState<Capabilities | null>(null);
  const [filter, setFilter] = useState<ItemFilter>(EMPTY_FILTER);
  const [scenario, setScenario] = useState<Scenario>('protest');
  const [tab, setTab] = useState<Tab>('category');
  const [editingAnswers, setEditingAnswers] = useState(false);
  const [workshop, setWorkshop] = useState(false);
  const [contentVersion, setContentVersion] = useState(0);
  const { run: runLoad } = load;

  useEffect(() => {
    void runLoad(async () => setContent(await unwrap(api().checklist.content({ lang }))));
  }, [lang, runLoad, contentVersion]);

  const refreshProgress = useCallback(async () => {
    setProgress(await unwrap(api().checklist.progress({})));
  }, []);

  useEffect(() => {
    void runLoad(async () => {
      const [saved, caps] = await Promise.all([
        unwrap(api().checklist.getAnswers({})),
        unwrap(api().checklist.capabilities({})),
      ]);
      setCapabilities(caps);
      setAnswers(saved.answers);
      if (saved.answers) setFilter(firstStepsFilter(saved.answers));
      await refreshProgress();
    });
  }, [runLoad, refreshProgress]);

  const items = useMemo(() => content?.items ?? [], [content]);
  const visible = useMemo(() => filterItems(items, filter), [items, filter]);
  const scenarioItems = useMemo(() => filterItems(items, { ...filter, scenario }), [items, filter, scenario]);

  const saveAnswers = async (next: Answers): Promise<void> => {
    const saved = await change.run(() => unwrap(api().checklist.setAnswers(next)));
    if (!saved) return;
    setAnswers(saved.answers);
    setFilter(firstStepsFilter(saved.answers));
    setEditingAnswers(false);
    setTab('category');
    await change.run(refreshProgress);
  };

  const setStatus = async (item: ItemView, status: ItemStatus): Promise<void> => {
    const result = await change.run(() => unwrap(api().checklist.setStatus({ itemId: item.id, status })));
    if (!result) return;
    setProgress((prev) =>
      prev ? { ...prev, statuses: { ...prev.statuses, [item.id]: result.status } } : prev,
    );
    await change.run(refreshProgress);
  };

  const openFor = (item: ItemView): { label: string; run: () => void } | undefined => {
    const action = item.live ? LIVE_ACTIONS[item.live] : undefined;
    return action && { label: t(action.label), run: () => go(action.section, action.focusId) };
  };

  const renderItems = (list: ItemView[]): ReactElement =>
    list.length === 0 ? (
      <p className="card cl-empty">{t('filters.none')}</p>
    ) : (
      <div className="cl-items">
        {list.map((item) => (
          <ItemCard
            key={item.id}
            item={item}
            status={progress?.statuses[item.id] ?? null}
            busy={change.busy}
            onStatus={(status) => void setStatus(item, status)}
            onOpen={openFor(item)}
          />
        ))}
      </div>
    );

  const header = (
    <>
      <h1 id="screen-title" tabIndex={-1}>
        {t('title')}
      </h1>
      <p className="lede">{t('intro')}</p>
      {load.error && <ErrorMessage error={load.error} />}
      {change.error && <ErrorMessage error={change.error} />}
    </>
  );

  if (answers === undefined || content === null)
    return (
      <section className="screen cl-screen" aria-labelledby="screen-title">
        {header}
        {!load.error && <p role="status">{t('common:loading')}</p>}
      </section>
    );

  if (answers === null || editingAnswers)
    return (
      <section className="screen cl-screen" aria-labelledby="screen-title">
        {header}
        <FirstQuestions
          initial={answers}
          busy={change.busy}
          onSubmit={(next) => void saveAnswers(next)}
          {...(answers !== null ? { onCancel: () => setEditingAnswers(false) } : {})}
        />
      </section>
    );

  if (workshop)
    return (
      <section className="screen cl-screen" aria-labelledby="screen-title">
        {header}
        <WorkshopPanel
          uiLang={lang}
          defaultAudience={answers.scope}
          selectionIds={visible.map((item) => item.id)}
          capabilities={capabilities}
          onExit={() => setWorkshop(false)}
        />
      </section>
    );

  const isFirstSteps = JSON.stringify(filter) === JSON.stringify(firstStepsFilter(answers));
  const handful = isFirstSteps && !allEssentials;
  const listed = handful ? firstHandful(visible, (id) => progress?.statuses[id]?.status ?? null) : visible;

  const chips = (
    <div className="cl-filters" role="group" aria-label={t('filters.label')}>
      <div className="cl-chip-row" role="group" aria-label={t('filters.scope')}>
        <span className="cl-chip-label" aria-hidden="true">
          {t('filters.scope')}
        </span>
        {SCOPE_CHIPS.map((scope) => (
          <Chip
            key={scope}
            pressed={filter.scope === scope}
            onToggle={() => setFilter({ ...filter, scope: filter.scope === scope ? null : scope })}
          >
            {t(`scope.${scope}`)}
          </Chip>
        ))}
      </div>
      <div className="cl-chip-row" role="group" aria-label={t('filters.priority')}>
        <span className="cl-chip-label" aria-hidden="true">
          {t('filters.priority')}
        </span>
        {PRIORITIES.map((priority: Priority) => (
          <Chip
            key={priority}
            pressed={filter.priorities.includes(priority)}
            onToggle={() => setFilter({ ...filter, priorities: toggle(filter.priorities, priority) })}
          >
            {t(`priority.${priority}`)}
          </Chip>
        ))}
      </div>
      <div className="cl-chip-row" role="group" aria-label={t('filters.kind')}>
        <span className="cl-chip-label" aria-hidden="true">
          {t('filters.kind')}
        </span>
        {KINDS.map((kind: Kind) => (
          <Chip
            key={kind}
            pressed={filter.kinds.includes(kind)}
            onToggle={() => setFilter({ ...filter, kinds: toggle(filter.kinds, kind) })}
          >
            {t(`kind.${kind}`)}
          </Chip>
        ))}
      </div>
      <div className="cl-chip-row">
        <Chip
          pressed={filter.roles.length > 0}
          onToggle={() => setFilter({ ...filter, roles: filter.roles.length > 0 ? [] : answers.roles })}
        >
          {t('filters.myRoles')}
        </Chip>
        {!isFirstSteps && (
          <button type="button" className="button-link" onClick={() => setFilter(firstStepsFilter(answers))}>
            {t('filters.backToFirstSteps')}
          </button>
        )}
        {filter !== EMPTY_FILTER && (
          <button type="button" className="button-link" onClick={() => setFilter(EMPTY_FILTER)}>
            {t('filters.showAll')}
          </button>
        )}
      </div>
    </div>
  );

  const byCategory = CATEGORIES.map((category) => ({
    category,
    list: listed.filter((item) => item.category === category),
  })).filter((group) => group.list.length > 0);

  return (
    <section className="screen cl-screen" aria-labelledby="screen-title">
      {header}
      <div className="cl-answers card">
        <p>
          {t('answers.summary', {
            scope: t(`questions.scope.${answers.scope}`),
            roles: answers.roles.map((role) => t(`role.${role}`)).join(', '),
          })}
        </p>
        <div className="actions">
          <button type="button" className="button-link" onClick={() => setEditingAnswers(true)}>
            {t('answers.change')}
          </button>
          <button type="button" className="button-secondary" onClick={() => setWorkshop(true)}>
            {t('workshop.open')}
          </button>
          <WipeProgress
            onWiped={async () => {
              await refreshProgress();
              notify(t('wipe.done'));
            }}
          />
        </div>
      </div>

      {progress && (
        <section className="card cl-progress" aria-labelledby="cl-progress-title">
          <h2 id="cl-progress-title">{t('progress.title')}</h2>
          <p className="hint">{t('progress.scopeNote')}</p>
          <div className="cl-bars">
            {progress.byPriority.map(({ priority, tally }) => (
              <ProgressBar key={priority} label={t(`priority.${priority}`)} tally={tally} />
            ))}
          </div>
          <div className="cl-rings">
            {progress.byCategory
              .filter(({ tally }) => tally.total > 0)
              .map(({ category, tally }) => (
                <ProgressRing key={category} label={t(`category.${category}`)} tally={tally} />
              ))}
          </div>
        </section>
      )}

      <Tabs
        value={tab}
        onChange={setTab}
        label={t('tabs.label')}
        classes={{ root: 'cl-tabs', list: 'cl-tab-list', tab: 'cl-tab', panel: 'cl-tab-panel' }}
        tabs={[
          {
            value: 'category',
            label: t('tabs.category'),
            panel: (
              <>
                {chips}
                <h2 className="cl-list-title">
                  {isFirstSteps ? t('firstSteps') : t('filters.shown')}{' '}
                  <span className="hint">{t('itemsCount', { count: listed.length })}</span>
                </h2>
                {handful && visible.length > listed.length && (
                  <p className="hint">
                    {t('firstStepsHandful', { total: visible.length })}{' '}
                    <button type="button" className="button-link" onClick={() => setAllEssentials(true)}>
                      {t('firstStepsShowAll')}
                    </button>
                  </p>
                )}
                {byCategory.length === 0
                  ? renderItems([])
                  : byCategory.map(({ category, list }) => (
                      <section key={category} className="cl-group" aria-labelledby={`cl-cat-${category}`}>
                        <h3 id={`cl-cat-${category}`} className="cl-group-title">
                          {t(`category.${category}`)}
                        </h3>
                        {renderItems(list)}
                      </section>
                    ))}
              </>
            ),
          },
          {
            value: 'scenario',
            label: t('tabs.scenario'),
            panel: (
              <>
                <div className="cl-chip-row cl-scenarios" role="group" aria-label={t('tabs.scenario')}>
                  {SCENARIOS.map((option) => (
                    <Chip key={option} pressed={scenario === option} onToggle={() => setScenario(option)}>
                      {t(`scenario.${option}`)}
                    </Chip>
                  ))}
                </div>
                {chips}
                <h2 className="cl-list-title">
                  {t(`scenario.${scenario}`)}{' '}
                  <span className="hint">{t('itemsCount', { count: scenarioItems.length })}</span>
                </h2>
                {renderItems(scenarioItems)}
              </>
            ),
          },
          {
            value: 'incident',
            label: t('tabs.incident'),
            panel: (
              <>
                <IncidentGuide incidents={content.incidents} items={items} renderItems={renderItems} />
              </>
            ),
          },
          {
            value: 'help',
            label: t('tabs.help'),
            panel: (
              <>
                <HelpContacts key={contentVersion} />
              </>
            ),
          },
          {
            value: 'updates',
            label: t('tabs.updates'),
            panel: (
              <>
                <UpdatesPanel
                  lang={lang}
                  isDesk={capabilities?.profile === 'desk'}
                  notify={notify}
                  onContentChanged={() => {
                    setContentVersion((version) => version + 1);
                    void change.run(refreshProgress);
                  }}
                />
              </>
            ),
          },
        ]}
      />
    </section>
  );
}

function WipeProgress({ onWiped }: { onWiped: () => Promise<void> }): ReactElement {
  const { t } = useTranslation('checklist');
  const { busy, error, run } = useAction();
  return (
    <>
      <ConfirmDialog
        title={t('wipe.title')}
        confirmLabel={t('wipe.confirm')}
        trigger={
          <button type="button" className="button-quiet" disabled={busy}>
            {t('wipe.button')}
          </button>
        }
        onConfirm={() =>
          void run(async () => {
            await unwrap(api().checklist.wipeProgress({ includeAnswers: false }));
            await onWiped();
          })
        }
      >
        {t('wipe.explain')}
      </ConfirmDialog>
      {error && <ErrorMessage error={error} />}
    </>
  );
}
