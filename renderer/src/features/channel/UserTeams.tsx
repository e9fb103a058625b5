import * as Dialog from '@radix-ui/react-dialog';
import type { FormEvent, ReactElement } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamSummary } from '../../../../shared/ipc/contact';
import { api, unwrap } from '../../ipc/tikho';
import { useAction } from '../../ui/useAction';
import { useReturnFocus } from '../../ui/useReturnFocus';
import { ChannelError } from './ChannelError';
import { useLoad } from './useLoad';
import { ArmorField } from '../../ui/ArmorField';
import { isolatedName } from '../../../../shared/text/externalName';
import { ExternalName, LookalikeWarning } from '../../ui/ExternalName';
import { FingerprintCheck } from '../../ui/FingerprintCheck';

/**
 * The user's teams whose card carries a desk: start a conversation with a confirmed one,
 * confirm the fingerprint of a new one, or add a desk's card by pasting it.
 */
export function UserTeams({
  reloadKey,
  onTeamsChanged,
  onStarted,
}: {
  reloadKey: number;
  /** A card or a revocation was imported: the threads may show it too. */
  onTeamsChanged: () => void;
  onStarted: (threadId: string) => void;
}): ReactElement {
  const { t } = useTranslation('channel');
  const [confirming, setConfirming] = useState<TeamSummary | null>(null);
  const [adding, setAdding] = useState(false);
  const [lookalike, setLookalike] = useState<{ name: string; other: string } | null>(null);
  const start = useAction();
  const load = useLoad(
    async () => ({
      teams: (await unwrap(api().contact.teams({}))).teams,
      threadIds: new Set(
        (await unwrap(api().channel.listThreads({}))).threads.map((thread) => thread.threadId),
      ),
    }),
    [reloadKey],
  );
  const teams = load.data?.teams ?? [];
  const threadIds = load.data?.threadIds ?? new Set<string>();
  const reload = load.reload;

  const startSession = async (team: TeamSummary): Promise<void> => {
    const started = await start.run(() => unwrap(api().channel.startSession({ teamId: team.teamId })));
    if (started) {
      onStarted(started.thread.threadId);
      reload();
    }
  };

  const desks = teams.filter((team) => team.deskAddress !== null);
  const withoutDesk = teams.length - desks.length;

  return (
    <section className="team-choices" aria-label={t('teams.title')}>
      <h2 className="section-title">{t('teams.title')}</h2>
      {desks.length === 0 && <p className="hint">{t('teams.none')}</p>}
      <ul className="team-list">
        {desks.map((team) => (
          <DeskTeamItem
            key={team.teamId}
            team={team}
            hasThread={team.deskAddress !== null && threadIds.has(team.deskAddress)}
            busy={start.busy}
            onConfirm={() => setConfirming(team)}
            onStart={() => void startSession(team)}
          />
        ))}
      </ul>
      {withoutDesk > 0 && <p className="hint">{t('teams.withoutDesk', { count: withoutDesk })}</p>}
      {lookalike && <LookalikeWarning name={lookalike.name} other={lookalike.other} />}
      {start.error && <ChannelError error={start.error} />}
      {load.error && <ChannelError error={load.error} />}
      <button type="button" className="button-link" onClick={() => setAdding(true)}>
        {t('teams.add')}
      </button>
      <AddCardDialog
        open={adding}
        onOpenChange={setAdding}
        onImported={(team, lookalikeOf) => {
          setAdding(false);
          setLookalike(lookalikeOf === null ? null : { name: team.teamName, other: lookalikeOf });
          onTeamsChanged();
          if (team.verification !== 'verified') setConfirming(team);
        }}
      />
      <ConfirmTeamDialog
        team={confirming}
        onClose={() => setConfirming(null)}
        onConfirmed={() => {
          setConfirming(null);
          reload();
        }}
      />
    </section>
  );
}

/** One team with a desk: revoked (nothing more to it), not yet verified, or ready to talk to. */
function DeskTeamItem({
  team,
  hasThread,
  busy,
  onConfirm,
  onStart,
}: {
  team: TeamSummary;
  hasThread: boolean;
  busy: boolean;
  onConfirm: () => void;
  onStart: () => void;
}): ReactElement {
  const { t } = useTranslation('channel');
  const verified = team.verification === 'verified';
  const name = (
    <span className="thread-name">
      <ExternalName name={team.teamName} />
    </span>
  );
  if (team.revocation) {
    return (
      <li className="team-item">
        {name}
        <span className="badge badge-revoked">{t('teams.revoked')}</span>
        <p className="hint">{t('teams.revokedHint', { name: isolatedName(team.teamName) })}</p>
      </li>
    );
  }
  return (
    <li className="team-item">
      {name}
      <span className={verified ? 'badge badge-ok' : 'badge badge-warn'}>
        {verified ? t('teams.confirmed') : t('teams.unconfirmed')}
      </span>
      {!verified ? (
        <button type="button" className="button-secondary" onClick={onConfirm}>
          {t('teams.confirm')}
        </button>
      ) : hasThread ? null : (
        <button type="button" className="button-primary" disabled={busy} onClick={onStart}>
          {t('teams.start', { name: isolatedName(team.teamName) })}
        </button>
      )}
    </li>
  );
}

function AddCardDialog({
  open,
  onOpenChange,
  onImported,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onImported: (team: TeamSummary, lookalikeOf: string | null) => void;
}): ReactElement {
  const { t } = useTranslation('channel');
  const returnFocus = useReturnFocus(open);
  const [text, setText] = useState('');
  const action = useAction();
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await action.run(() => unwrap(api().contact.importCard({ text })));
    if (result) {
      setText('');
      onImported(result.team, result.lookalikeOf);
    }
  };
  return (
    <Dialog.Root open={open} onOpenChange={onOpenChange}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" onCloseAutoFocus={returnFocus}>
          <Dialog.Title>{t('addCard.title')}</Dialog.Title>
          <Dialog.Description className="hint">{t('addCard.hint')}</Dialog.Description>
          <form onSubmit={(event) => void submit(event)}>
            <ArmorField label={t('addCard.label')} rows={8} value={text} onChange={setText} />
            {action.error && <ChannelError error={action.error} />}
            <div className="actions">
              <Dialog.Close asChild>
                <button type="button" className="button-secondary">
                  {t('common:actions.cancel')}
                </button>
              </Dialog.Close>
              <button type="submit" className="button-primary" disabled={action.busy || text.trim() === ''}>
                {t('addCard.import')}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

function ConfirmTeamDialog({
  team,
  onClose,
  onConfirmed,
}: {
  team: TeamSummary | null;
  onClose: () => void;
  onConfirmed: () => void;
}): ReactElement {
  const { t } = useTranslation('channel');
  const returnFocus = useReturnFocus(team !== null);
  const action = useAction();
  const confirm = async (typed: string): Promise<void> => {
    if (!team) return;
    const done = await action.run(() =>
      unwrap(api().contact.markVerified({ teamId: team.teamId, fingerprint: typed })),
    );
    if (done) onConfirmed();
  };
  return (
    <Dialog.Root open={team !== null} onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog" onCloseAutoFocus={returnFocus}>
          <Dialog.Title>{t('confirmTeam.title', { name: isolatedName(team?.teamName ?? '') })}</Dialog.Title>
          <Dialog.Description className="hint">{t('confirmTeam.hint')}</Dialog.Description>
          <ol className="fingerprint-groups" aria-label={t('confirmTeam.fingerprint')}>
            {team?.fingerprintGroups.map((group, index) => (
              <li key={index}>{group}</li>
            ))}
          </ol>
          <FingerprintCheck website={team?.channels.website} busy={action.busy} onCompare={confirm} />
          <p className="hint">{t('confirmTeam.mismatch')}</p>
          {action.error && <ChannelError error={action.error} />}
          <div className="actions">
            <button type="button" className="button-secondary" onClick={onClose}>
              {t('confirmTeam.later')}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
