import type { ReactElement } from 'react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, SCENARIOS, type Scenario } from '../../../../shared/checklist/schema';
import {
  filterItems,
  firstHandful,
  firstStepsFilter,
  type ItemFilter,
  type ItemView,
} from '../../../../shared/checklist/view';
import type { ScreenProps } from '../../app/screenProps';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { Tabs } from '../../ui/Tabs';
import { FirstQuestions } from './FirstQuestions';
import { HelpContacts } from './HelpContacts';
import { IncidentGuide } from './IncidentGuide';
import { ItemCard } from './ItemCard';
import { ItemFilters } from './ItemFilters';
import { LIVE_ACTIONS } from './liveActions';
import { Chip, useLanguage } from './parts';
import { ProgressCard } from './ProgressCard';
import { useChecklistData } from './useChecklistData';
import { WipeProgress } from './WipeProgress';
import { WorkshopPanel } from './WorkshopPanel';
import { UpdatesPanel } from './updates/UpdatesPanel';
import './checklist.css';

type Tab = 'category' | 'scenario' | 'incident' | 'help' | 'updates';

/** The checklist: first two questions, then items by category, scenario, incident; help; workshop mode. */
export function ChecklistScreen({ notify, go }: ScreenProps): ReactElement {
  const { t } = useTranslation('checklist');
  const lang = useLanguage();
  const checklist = useChecklistData(lang);
  const { data } = checklist;
  // null: the first steps of the person's answers (what the screen opens on).
  const [chosenFilter, setFilter] = useState<ItemFilter | null>(null);
  const [allEssentials, setAllEssentials] = useState(false);
  const [scenario, setScenario] = useState<Scenario>('protest');
  const [tab, setTab] = useState<Tab>('category');
  const [editingAnswers, setEditingAnswers] = useState(false);
  const [workshop, setWorkshop] = useState(false);

  const answers = data.phase === 'ready' ? data.answers : null;
  const firstSteps = useMemo(() => (answers ? firstStepsFilter(answers) : null), [answers]);
  const filter = chosenFilter ?? firstSteps;
  const items = useMemo(() => (data.phase === 'loading' ? [] : data.content.items), [data]);
  const visible = useMemo(() => (filter ? filterItems(items, filter) : items), [items, filter]);
  const scenarioItems = useMemo(
    () => (filter ? filterItems(items, { ...filter, scenario }) : items),
    [items, filter, scenario],
  );
  const progress = data.phase === 'ready' ? data.progress : null;

  const saveAnswers = (next: Parameters<typeof checklist.saveAnswers>[0]): void =>
    void checklist.saveAnswers(next, () => {
      setFilter(null);
      setEditingAnswers(false);
      setTab('category');
    });

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
            busy={checklist.busy}
            onStatus={(status) => void checklist.setStatus(item, status)}
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
      {checklist.loadError && <ErrorMessage error={checklist.loadError} />}
      {checklist.changeError && <ErrorMessage error={checklist.changeError} />}
    </>
  );

  if (data.phase === 'loading')
    return (
      <section className="screen cl-screen" aria-labelledby="screen-title">
        {header}
        {!checklist.loadError && <p role="status">{t('common:loading')}</p>}
      </section>
    );

  if (data.phase === 'questions' || editingAnswers)
    return (
      <section className="screen cl-screen" aria-labelledby="screen-title">
        {header}
        <FirstQuestions
          initial={answers}
          busy={checklist.busy}
          onSubmit={saveAnswers}
          {...(answers !== null ? { onCancel: () => setEditingAnswers(false) } : {})}
        />
      </section>
    );

  const { content, capabilities } = data;
  if (workshop)
    return (
      <section className="screen cl-screen" aria-labelledby="screen-title">
        {header}
        <WorkshopPanel
          uiLang={lang}
          defaultAudience={data.answers.scope}
          selectionIds={visible.map((item) => item.id)}
          capabilities={capabilities}
          onExit={() => setWorkshop(false)}
        />
      </section>
    );

  const activeFilter = filter ?? firstStepsFilter(data.answers);
  const isFirstSteps = JSON.stringify(activeFilter) === JSON.stringify(firstStepsFilter(data.answers));
  const handful = isFirstSteps && !allEssentials;
  const listed = handful ? firstHandful(visible, (id) => progress?.statuses[id]?.status ?? null) : visible;

  const chips = (
    <ItemFilters
      filter={activeFilter}
      answers={data.answers}
      isFirstSteps={isFirstSteps}
      onChange={setFilter}
    />
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
            scope: t(`questions.scope.${data.answers.scope}`),
            roles: data.answers.roles.map((role) => t(`role.${role}`)).join(', '),
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
              await checklist.refreshProgress();
              notify(t('wipe.done'));
            }}
          />
        </div>
      </div>

      {progress && <ProgressCard progress={progress} />}

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
                <HelpContacts key={checklist.contentVersion} />
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
                    checklist.reloadContent();
                    void checklist.refreshProgress();
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
