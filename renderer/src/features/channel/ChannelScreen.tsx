import type { ReactElement } from 'react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelRole } from '../../../../shared/channel/channelTypes';
import { useDrafts } from '../../app/drafts';
import type { ScreenProps } from '../../app/screenProps';
import { api, unwrap } from '../../ipc/tikho';
import { useAction } from '../../ui/useAction';
import { ChannelError } from './ChannelError';
import { Conversations } from './Conversations';
import { DeskScreen } from './DeskScreen';
import { UserTeams } from './UserTeams';
import './channel.css';

/** The secure channel: the user's conversations with support desks, or — in the desk profile — the desk. */
export function ChannelScreen({ notify }: ScreenProps): ReactElement {
  const { t } = useTranslation('channel');
  const [role, setRole] = useState<ChannelRole | null>(null);
  const action = useAction();

  useEffect(() => {
    void action.run(async () => setRole((await unwrap(api().channel.role({}))).role));
    // action.run is stable; the role never changes while the app runs.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (role === 'desk') return <DeskScreen notify={notify} />;
  return (
    <div className="screen channel-screen">
      <h1 tabIndex={-1}>{t('title')}</h1>
      <p className="lede">{t('lede')}</p>
      <p className="hint">{t('common:whichTool')}</p>
      {action.error && <ChannelError error={action.error} />}
      {role === 'user' && <UserConversations notify={notify} />}
    </div>
  );
}

function UserConversations({ notify }: { notify: (message: string) => void }): ReactElement {
  const { t } = useTranslation('channel');
  // Back after a lock: the thread with the half-typed reply is the one that opens.
  const drafts = useDrafts();
  const [selected, setSelected] = useState<string | null>(() => drafts.current('reply')?.threadId ?? null);
  const [reloadKey, setReloadKey] = useState(0);
  return (
    <Conversations
      notify={notify}
      selected={selected}
      onSelect={setSelected}
      reloadKey={reloadKey}
      emptyText={t('threads.emptyUser')}
      aside={
        <UserTeams
          reloadKey={reloadKey}
          onTeamsChanged={() => setReloadKey((key) => key + 1)}
          onStarted={(threadId) => {
            setSelected(threadId);
            setReloadKey((key) => key + 1);
          }}
        />
      }
    />
  );
}
