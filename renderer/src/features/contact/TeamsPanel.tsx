import type { ReactElement } from 'react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportCardSummary, TeamSummary } from '../../../../shared/ipc/contact';
import { api, unwrap } from '../../ipc/tikho';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorMessage } from '../../ui/ErrorMessage';
import { useAction } from '../../ui/useAction';
import { FileOpenButton, Fingerprint, useDateFormat, VerificationBadge } from './parts';
import { ArmorField } from '../../ui/ArmorField';
import { isolatedName } from '../../../../shared/text/externalName';
import { ExternalName, LookalikeWarning } from '../../ui/ExternalName';
import { FingerprintCheck } from '../../ui/FingerprintCheck';

interface Props {
  teams: TeamSummary[];
  onTeamsChanged: () => Promise<void>;
  notify: (message: string) => void;
}

/** Teams the person trusts: add a card, compare its fingerprint, handle a changed key, remove. */
export function TeamsPanel({ teams, onTeamsChanged, notify }: Props): ReactElement {
  const { t } = useTranslation('contact');
  const [lastImport, setLastImport] = useState<ImportCardSummary | null>(null);

  return (
    <div className="contact-panel">
      <ImportCard
        onImported={async (result) => {
          setLastImport(result);
          await onTeamsChanged();
        }}
      />
      {lastImport && <ImportOutcome result={lastImport} />}
      {teams.length === 0 ? (
        <p className="hint">{t('teams.empty')}</p>
      ) : (
        <ul className="team-list" aria-label={t('teams.listLabel')}>
          {teams.map((team) => (
            <li key={team.teamId}>
              <TeamItem team={team} onChanged={onTeamsChanged} notify={notify} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ImportOutcome({ result }: { result: ImportCardSummary }): ReactElement | null {
  const { t } = useTranslation('contact');
  if (result.kind === 'key-changed') return null; // the team item itself shows the loud warning
  return (
    <>
      <p role="status" className="hint">
        {t(`import.outcome.${result.kind}`, { team: isolatedName(result.team.teamName) })}
      </p>
      {result.lookalikeOf !== null && (
        <LookalikeWarning name={result.team.teamName} other={result.lookalikeOf} />
      )}
    </>
  );
}

function ImportCard({
  onImported,
}: {
  onImported: (result: ImportCardSummary) => Promise<void>;
}): ReactElement {
  const { t } = useTranslation('contact');
  const [text, setText] = useState('');
  const action = useAction();
  const { setError } = useLocalError(action);

  const submit = async (): Promise<void> => {
    const result = await action.run(() => unwrap(api().contact.importCard({ text })));
    if (result) {
      // Only a successful import clears the box; after an error the paste stays to fix or retry.
      setText('');
      await onImported(result);
    }
  };

  return (
    <div className="card">
      <h2>{t('import.title')}</h2>
      <p className="hint">{t('import.hint')}</p>
      <ArmorField label={t('import.label')} rows={6} value={text} onChange={setText} />
      {action.error && <ErrorMessage error={action.error} />}
      <div className="actions actions-start">
        <button
          type="button"
          className="button-primary"
          disabled={action.busy || text.trim() === ''}
          onClick={() => void submit()}
        >
          {t('import.submit')}
        </button>
        <FileOpenButton label={t('import.openFile')} onText={setText} onError={setError} />
      </div>
      {action.busy && <div className="progress" role="progressbar" aria-label={t('import.checking')} />}
    </div>
  );
}

/** useAction keeps its own error; a file that is too large is reported through the same place. */
function useLocalError(action: ReturnType<typeof useAction>): {
  setError: (error: Parameters<typeof ErrorMessage>[0]['error']) => void;
} {
  return {
    setError: (error) => void action.run(() => Promise.reject(error)),
  };
}

function TeamItem({
  team,
  onChanged,
  notify,
}: {
  team: TeamSummary;
  onChanged: () => Promise<void>;
  notify: (message: string) => void;
}): ReactElement {
  const { t } = useTranslation('contact');
  const formatDate = useDateFormat();
  const action = useAction();
  const verified = team.verification === 'verified';
  const headingId = useId();

  const run = async (call: () => Promise<unknown>, message: string): Promise<void> => {
    const done = await action.run(async () => {
      await call();
      return true;
    });
    if (done) {
      notify(message);
      await onChanged();
    }
  };

  return (
    <article className="card team-card" aria-labelledby={headingId}>
      <div className="team-head">
        <h3 id={headingId}>
          <ExternalName name={team.teamName} />
        </h3>
        <VerificationBadge verified={verified} />
      </div>

      {team.revocation && (
        <div className="key-change" role="alert">
          <h4>{t('revocation.title', { team: team.teamName })}</h4>
          <p>{t(`revocation.reason.${team.revocation.reason}`)}</p>
          <p>{t('revocation.explain')}</p>
          <p>{t('revocation.advice')}</p>
        </div>
      )}

      {team.pendingKeyChange && (
        <div className="key-change" role="alert">
          <h4>{t('keyChange.title', { team: isolatedName(team.teamName) })}</h4>
          <p>{t('keyChange.explain')}</p>
          <p className="field-label">{t('keyChange.old')}</p>
          <Fingerprint groups={team.fingerprintGroups} label={t('keyChange.old')} />
          <p className="field-label">{t('keyChange.new')}</p>
          <Fingerprint groups={team.pendingKeyChange.fingerprintGroups} label={t('keyChange.new')} />
          <p>{t('keyChange.advice')}</p>
          <div className="actions actions-start">
            <button
              type="button"
              className="button-primary"
              disabled={action.busy}
              onClick={() =>
                void run(
                  () => unwrap(api().contact.rejectKeyChange({ teamId: team.teamId })),
                  t('keyChange.kept'),
                )
              }
            >
              {t('keyChange.keepOld')}
            </button>
            <button
              type="button"
              className="button-danger"
              disabled={action.busy}
              onClick={() =>
                void run(
                  () => unwrap(api().contact.acceptKeyChange({ teamId: team.teamId })),
                  t('keyChange.accepted'),
                )
              }
            >
              {t('keyChange.useNew')}
            </button>
          </div>
        </div>
      )}

      {verified ? (
        <p className="hint">
          {t('verify.verifiedOn', { date: team.verifiedAt ? formatDate(team.verifiedAt) : '' })}
        </p>
      ) : (
        <div className="verify-box">
          <h4>{t('verify.title')}</h4>
          <p>{t('verify.explain')}</p>
        </div>
      )}
      <Fingerprint groups={team.fingerprintGroups} />
      {!verified && (
        <>
          <FingerprintCheck
            website={team.channels.website}
            busy={action.busy}
            onCompare={(typed) =>
              run(
                () => unwrap(api().contact.markVerified({ teamId: team.teamId, fingerprint: typed })),
                t('verify.done', { team: isolatedName(team.teamName) }),
              )
            }
          />
          <div className="actions actions-start">
            <RemoveTeam team={team} label={t('verify.differs')} busy={action.busy} onRemove={run} />
          </div>
        </>
      )}

      <TeamChannels team={team} />
      <p className="hint">
        {t('teams.handles')} {team.categories.map((category) => t(`category.${category}`)).join(' · ')}
      </p>
      {action.error && <ErrorMessage error={action.error} />}
      {verified && (
        <div className="actions actions-start">
          <RemoveTeam team={team} label={t('teams.remove')} busy={action.busy} onRemove={run} />
        </div>
      )}
    </article>
  );
}

function RemoveTeam({
  team,
  label,
  busy,
  onRemove,
}: {
  team: TeamSummary;
  label: string;
  busy: boolean;
  onRemove: (call: () => Promise<unknown>, message: string) => Promise<void>;
}): ReactElement {
  const { t } = useTranslation('contact');
  return (
    <ConfirmDialog
      title={t('teams.removeTitle', { team: isolatedName(team.teamName) })}
      confirmLabel={t('teams.removeConfirm')}
      onConfirm={() =>
        void onRemove(
          () => unwrap(api().contact.removeTeam({ teamId: team.teamId })),
          t('teams.removed', { team: isolatedName(team.teamName) }),
        )
      }
      trigger={
        <button type="button" className="button-quiet" disabled={busy}>
          {label}
        </button>
      }
    >
      {t('teams.removeExplain')}
    </ConfirmDialog>
  );
}

/** The ways to reach the team, each with one line on what to do with the encrypted text. */
export function TeamChannels({
  team,
  withInstructions = false,
}: {
  team: TeamSummary;
  withInstructions?: boolean;
}): ReactElement | null {
  const { t } = useTranslation('contact');
  const { channels } = team;
  const rows: { key: string; value: string }[] = [];
  if (channels.telegramBot) rows.push({ key: 'telegram', value: channels.telegramBot });
  if (channels.email) rows.push({ key: 'email', value: channels.email });
  if (channels.signalUsername) rows.push({ key: 'signal', value: channels.signalUsername });
  if (channels.website) rows.push({ key: 'website', value: channels.website });
  if (rows.length === 0) return null;
  return (
    <dl className="channel-list" aria-label={t('channels.label', { team: isolatedName(team.teamName) })}>
      {rows.map((row) => (
        <div key={row.key} className="channel-row">
          <dt>{t(`channels.${row.key}`)}</dt>
          <dd>
            <span className="channel-value">{row.value}</span>
            {withInstructions && (
              <span className="channel-how">{t(`channels.how.${row.key}`, { value: row.value })}</span>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
