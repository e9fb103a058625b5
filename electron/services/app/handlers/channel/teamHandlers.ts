import { TikhoError } from '../../../../../shared/errors';
import type { TeamView } from '../../../../../shared/contact/card';
import type { TeamChoice } from '../../../../../shared/ipc/secureChannel';
import { lookalikeOfNewTeam } from '../../../contact';
import { requireRole, threadView, type ChannelHandlerContext, type ChannelHandlers } from './channelContext';

type TeamChannel = 'channel:teams' | 'channel:importCard' | 'channel:confirmCard' | 'channel:startSession';

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

/** The user's side: the teams whose cards were imported, and starting a session with one. */
export function teamHandlers(ctx: ChannelHandlerContext): Pick<ChannelHandlers, TeamChannel> {
  return {
    'channel:teams': async () => {
      requireRole(ctx, 'user');
      const { pgp } = await ctx.session();
      return { teams: (await pgp.listTeams()).map(toTeamChoice) };
    },

    'channel:importCard': async ({ text }) => {
      requireRole(ctx, 'user');
      const { pgp } = await ctx.session();
      const result = await pgp.importCard(text);
      const lookalikeOf = await lookalikeOfNewTeam(result, () => pgp.listTeams());
      return { kind: result.kind, team: toTeamChoice(result.team), lookalikeOf };
    },

    'channel:confirmCard': async ({ teamId, fingerprint }) => {
      requireRole(ctx, 'user');
      const { pgp } = await ctx.session();
      return { team: toTeamChoice(await pgp.markVerified(teamId, fingerprint)) };
    },

    'channel:startSession': async ({ teamId }) => {
      requireRole(ctx, 'user');
      const { pgp, channel } = await ctx.session();
      const team = await pgp.getTeam(teamId);
      if (!team) throw new TikhoError('pgp/unknown-team');
      // The bundle is only as trustworthy as the card: an unconfirmed team's desk could be anyone's.
      if (team.verification !== 'verified') throw new TikhoError('channel/team-unverified');
      if (!team.channelBundle) throw new TikhoError('channel/team-no-channel');
      const summary = await channel.startSession(team.channelBundle);
      return { thread: threadView(summary, new Map([[summary.threadId, team.teamName]])) };
    },
  };
}
