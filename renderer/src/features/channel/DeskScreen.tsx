import type { ReactElement } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskStatus } from '../../../../shared/channel/deskTypes';
import { api, unwrap } from '../../ipc/tikho';
import { ChannelError } from './ChannelError';
import { Conversations } from './Conversations';
import { DeskCardPanel } from './DeskCardPanel';
import { DeskInbox } from './DeskInbox';
import { DeskSetup } from './DeskSetup';
import { useLoad } from './useLoad';
import { isolatedName } from '../../../../shared/text/externalName';
import { Tabs } from '../../ui/Tabs';

/** The support desk: set up the team once, publish its card, then answer people in one inbox. */
export function DeskScreen({ notify }: { notify: (message: string) => void }): ReactElement {
  const { t } = useTranslation('desk');
  const [saved, setStatus] = useState<DeskStatus | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [tab, setTab] = useState('conversations');
  const load = useLoad(() => unwrap(api().channel.deskStatus({})), []);
  // What this screen saved last wins over what it loaded on open.
  const status = saved ?? load.data;

  return (
    <div className="screen channel-screen desk-screen">
      <h1 tabIndex={-1}>
        {status?.details ? t('titleWithTeam', { name: isolatedName(status.details.teamName) }) : t('title')}
      </h1>
      <p className="lede">{t('lede')}</p>
      {load.error && <ChannelError error={load.error} />}
      {status && !status.setUp && (
        <DeskSetup
          initial={null}
          onSaved={(next) => {
            setStatus(next);
            setTab('card');
            notify(t('setup.done'));
          }}
        />
      )}
      {status?.setUp && (
        <Tabs
          value={tab}
          onChange={setTab}
          label={t('tabs.label')}
          classes={{ root: 'desk-tabs', list: 'tab-list', tab: 'tab' }}
          tabs={[
            {
              value: 'conversations',
              label: t('tabs.conversations'),
              panel: (
                <>
                  {!status.card && <p className="alert alert-warn">{t('card.notPublishedYet')}</p>}
                  <Conversations
                    notify={notify}
                    selected={selected}
                    onSelect={setSelected}
                    reloadKey={0}
                    emptyText={t('conversations.empty')}
                  />
                </>
              ),
            },
            {
              value: 'requests',
              label: t('tabs.requests'),
              panel: (
                <>
                  <DeskInbox notify={notify} />
                </>
              ),
            },
            {
              value: 'card',
              label: t('tabs.card'),
              panel: (
                <>
                  <DeskCardPanel status={status} onStatus={setStatus} notify={notify} />
                </>
              ),
            },
          ]}
        />
      )}
    </div>
  );
}
