import fs from 'node:fs/promises';
import type { ChannelRole, ChannelThreadSummary } from '../../../../shared/channel/channelTypes';
import { TikhoError } from '../../../../shared/errors';
import type { TeamView } from '../../../../shared/contact/card';
import type { ChannelThreadView, TeamChoice, channelChannels } from '../../../../shared/ipc/secureChannel';
import { lookalikeOfNewTeam } from '../../contact';
import type { DeskService } from '../../desk';
import type { HandlersFor } from '../../ipc';
import { extractArmoredBlock } from '../../pgp';
import type { PgpService } from '../../pgp';
import { parseArmoredEnvelope } from '../../signal';
import type { Services } from '../services';
import { channelRoleOf, type UnlockedSession } from '../unlockedSession';

/**
 * The secure channel over IPC: adapts the unlocked session's channel and desk services. The
 * session (one per unlock, disposed on lock with its maintenance timer) is built in
 * unlockedSession.ts.
 */
export function createChannelHandlers(
  ctx: Pick<Services, 'profile' | 'sessions' | 'ports'>,
): HandlersFor<typeof channelChannels> {
  const role = channelRoleOf(ctx.profile);
  const services = (): Promise<UnlockedSession> => ctx.sessions.current();

  const requireRole = (expected: ChannelRole): void => {
    if (role !== expected) throw new TikhoError('channel/wrong-role', { expected, actual: role });
  };
  const requireDesk = async (): Promise<DeskService> => {
    requireRole('desk');
    const { desk } = await services();
    if (!desk) throw new TikhoError('channel/wrong-role', { expected: 'desk', actual: role });
    return desk;
  };

  const teamNames = async (pgp: PgpService): Promise<Map<string, string>> => {
    const names = new Map<string, string>();
    if (role !== 'user') return names;
    for (const team of await pgp.listTeams()) {
      if (team.channelBundle) names.set(team.channelBundle.address, team.teamName);
    }
    return names;
  };
  const threadView = (summary: ChannelThreadSummary, names: Map<string, string>): ChannelThreadView => ({
    ...summary,
    teamName: names.get(summary.threadId) ?? null,
  });
  const withName = async (summary: ChannelThreadSummary): Promise<ChannelThreadView> =>
    threadView(summary, await teamNames((await services()).pgp));

  return {
    'channel:role': () => ({ role }),

    'channel:listThreads': async () => {
      const { channel, pgp } = await services();
      const names = await teamNames(pgp);
      const threads = await channel.listThreads();
      threads.sort((a, b) => (b.lastMessageAt ?? b.createdAt) - (a.lastMessageAt ?? a.createdAt));
      return { threads: threads.map((thread) => threadView(thread, names)) };
    },

    'channel:openThread': async ({ threadId }) => {
      const { channel } = await services();
      const { thread, messages } = await channel.openThread(threadId);
      return { thread: await withName(thread), messages };
    },

    'channel:send': async ({ threadId, body }) => {
      const { channel } = await services();
      const sent = await channel.send(threadId, body);
      return { envelope: sent.envelope, message: sent.message };
    },

    'channel:receive': async ({ armored }) => {
      const { channel } = await services();
      return channel.receive(armored);
    },

    'channel:setRetention': async ({ threadId, retention }) => {
      const { channel } = await services();
      return { thread: await withName(await channel.setRetention(threadId, retention)) };
    },

    'channel:safetyNumber': async ({ threadId }) => (await services()).channel.safetyNumber(threadId),

    'channel:markVerified': async ({ threadId, digits }) => {
      const { channel } = await services();
      return { thread: await withName(await channel.markVerified(threadId, digits)) };
    },

    'channel:saveFile': async ({ kind, text }) => {
      const { desk } = await services();
      let name: string;
      const stamp = new Date().toISOString().slice(0, 10);
      // Only texts this app makes may be written, so a hostile renderer cannot use the save
      // dialog to drop arbitrary content (a script, a shortcut) onto the disk.
      if (kind === 'envelope') {
        parseArmoredEnvelope(text);
        name = `message-${stamp}.txt`;
      } else if (kind === 'card') {
        const status = desk ? await desk.status() : null;
        if (!status?.card || status.card.text !== text || !status.details) {
          throw new TikhoError('desk/no-card');
        }
        name = `${status.details.teamId}-contact-card.asc`;
      } else {
        requireRole('desk');
        extractArmoredBlock(text, ['message'], 4 * 1024 * 1024);
        name = `reply-${stamp}.asc`;
      }
      const target = await ctx.ports.chooseSavePath(name);
      if (target === null) return { saved: false };
      await fs.writeFile(target, text, { encoding: 'utf8', mode: 0o600 });
      return { saved: true };
    },

    'channel:teams': async () => {
      requireRole('user');
      const { pgp } = await services();
      return { teams: (await pgp.listTeams()).map(toTeamChoice) };
    },

    'channel:importCard': async ({ text }) => {
      requireRole('user');
      const { pgp } = await services();
      const result = await pgp.importCard(text);
      const lookalikeOf = await lookalikeOfNewTeam(result, () => pgp.listTeams());
      return { kind: result.kind, team: toTeamChoice(result.team), lookalikeOf };
    },

    'channel:confirmCard': async ({ teamId, fingerprint }) => {
      requireRole('user');
      const { pgp } = await services();
      return { team: toTeamChoice(await pgp.markVerified(teamId, fingerprint)) };
    },

    'channel:startSession': async ({ teamId }) => {
      requireRole('user');
      const { pgp, channel } = await services();
      const team = await pgp.getTeam(teamId);
      if (!team) throw new TikhoError('pgp/unknown-team');
      // The bundle is only as trustworthy as the card: an unconfirmed team's desk could be anyone's.
      if (team.verification !== 'verified') throw new TikhoError('channel/team-unverified');
      if (!team.channelBundle) throw new TikhoError('channel/team-no-channel');
      const summary = await channel.startSession(team.channelBundle);
      return { thread: threadView(summary, new Map([[summary.threadId, team.teamName]])) };
    },

    'channel:deskStatus': async () => (await requireDesk()).status(),

    'channel:deskSetup': async ({ details, importKey }) => {
      const desk = await requireDesk();
      return desk.saveDetails(
        details,
        importKey
          ? {
              armoredSecret: importKey.armoredSecret,
              ...(importKey.passphrase !== undefined ? { passphrase: importKey.passphrase } : {}),
            }
          : undefined,
      );
    },

    'channel:publishCard': async () => (await requireDesk()).publishCard(),

    'channel:openRequest': async ({ armored }) => (await requireDesk()).openRequest(armored),

    'channel:inbox': async () => ({ people: await (await requireDesk()).listInbox() }),

    'channel:openPerson': async ({ personId }) => (await requireDesk()).openPerson(personId),

    'channel:replyRequest': async ({ personId, text }) => (await requireDesk()).reply(personId, text),
  };
}

function toTeamChoice(team: TeamView): TeamChoice {
  return {
    teamId: team.teamId,
    teamName: team.teamName,
    verified: team.verification === 'verified',
    fingerprintGroups: team.fingerprintGroups,
    hasChannel: team.channelBundle !== null,
    deskAddress: team.channelBundle?.address ?? null,
    pendingKeyChange: team.pendingKeyChange !== null,
    website: team.channels.website ?? null,
  };
}
