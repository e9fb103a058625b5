import type { ReactElement } from 'react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OwnKeySummary, RequestSummary, TeamSummary } from '../../../../shared/ipc/contact';
import { useDrafts } from '../../app/drafts';
import type { ScreenProps } from '../../app/screenProps';
import { useSessionState } from '../../app/sessionState';
import { api, unwrap } from '../../ipc/tikho';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { OwnKeyPanel } from './OwnKeyPanel';
import { RequestWizard } from './wizard/RequestWizard';
import { draftReducer, EMPTY_DRAFT, type Draft, type DraftAction, type Step } from './wizard/wizardState';
import { toStoredRequest } from './requestDraft';
import { TeamsPanel } from './TeamsPanel';
import { ThreadsPanel } from './ThreadsPanel';
import './contact.css';
import { Tabs } from '../../ui/Tabs';

type Tab = 'write' | 'sent' | 'teams' | 'key';

/**
 * Contact support (docs/architecture.md §Services and their screens): write an encrypted request to a team whose card the person
 * imported and confirmed. Everything cryptographic happens in main; the app never sends anything.
 * The draft lives here, above the tabs, so looking at a team or a key never loses what was typed,
 * and in the shell's session state, so visiting another section does not either.
 */
export function ContactScreen({ notify }: ScreenProps): ReactElement {
  const { t } = useTranslation('contact');
  const [tab, setTab] = useState<Tab>('write');
  const [teams, setTeams] = useState<TeamSummary[]>([]);
  const [ownKey, setOwnKey] = useState<OwnKeySummary | null>(null);
  const [requests, setRequests] = useState<RequestSummary[]>([]);
  // Kept in the shell while unlocked, so a look at another section loses nothing, and as an
  // encrypted draft in the vault, so an auto-lock does not either.
  const drafts = useDrafts();
  const [stored] = useState(() => drafts.current('request'));
  const [draft, setDraftState] = useSessionState<Draft>('contact.draft', stored ?? EMPTY_DRAFT);
  const [step, setStep] = useSessionState<Step>('contact.step', stored?.step ?? 'team');
  const [result, setResult] = useSessionState<RequestSummary | null>('contact.result', null);
  const [threadId, setThreadId] = useState<string | null>(null);
  const load = useAction();
  const runLoad = load.run;

  useEffect(() => {
    // Encrypted and kept means the request is saved: the draft is done with (and the result is not a draft).
    drafts.save('request', toStoredRequest(draft, step));
  }, [drafts, draft, step]);

  const dispatch = useCallback(
    (action: DraftAction) => setDraftState((current) => draftReducer(current, action)),
    [setDraftState],
  );
  const reloadTeams = useCallback(async () => {
    const loaded = await runLoad(() => unwrap(api().contact.teams({})));
    if (loaded) setTeams(loaded.teams);
  }, [runLoad]);
  const reloadRequests = useCallback(async () => {
    const loaded = await runLoad(() => unwrap(api().contact.requests({})));
    if (loaded) setRequests(loaded.requests);
  }, [runLoad]);

  useEffect(() => {
    void (async () => {
      await reloadTeams();
      const key = await runLoad(() => unwrap(api().contact.ownKey({})));
      if (key) setOwnKey(key.key);
      await reloadRequests();
    })();
    // Load once when the screen opens; later changes reload what they touched.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- mount-only load
  }, []);

  return (
    <section className="screen contact-screen" aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>
        {t('common:nav.contact')}
      </h1>
      <p className="lede">{t('lede')}</p>
      <p className="hint">{t('common:whichTool')}</p>
      {load.error && <ErrorMessage error={load.error} />}
      <Tabs
        value={tab}
        onChange={setTab}
        label={t('tabs.label')}
        classes={{ list: 'contact-tabs', tab: 'contact-tab' }}
        tabs={[
          {
            value: 'write',
            label: t('tabs.write'),
            panel: (
              <>
                <RequestWizard
                  teams={teams}
                  ownKey={ownKey}
                  draft={draft}
                  dispatch={dispatch}
                  step={step}
                  setStep={setStep}
                  result={result}
                  setResult={setResult}
                  onComposed={reloadRequests}
                  onOwnKeyChanged={setOwnKey}
                  openTeams={() => setTab('teams')}
                  openThread={(id) => {
                    setThreadId(id);
                    setTab('sent');
                  }}
                  notify={notify}
                />
              </>
            ),
          },
          {
            value: 'sent',
            label: t('tabs.sent'),
            panel: (
              <>
                <ThreadsPanel
                  requests={requests}
                  selectedId={threadId}
                  onSelect={setThreadId}
                  onChanged={reloadRequests}
                  startNew={() => setTab('write')}
                  notify={notify}
                />
              </>
            ),
          },
          {
            value: 'teams',
            label: t('tabs.teams'),
            panel: (
              <>
                <TeamsPanel teams={teams} onTeamsChanged={reloadTeams} notify={notify} />
              </>
            ),
          },
          {
            value: 'key',
            label: t('tabs.key'),
            panel: (
              <>
                <OwnKeyPanel ownKey={ownKey} onChanged={setOwnKey} notify={notify} />
              </>
            ),
          },
        ]}
      />
    </section>
  );
}
