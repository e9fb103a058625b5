import { TikhoError } from '../../../../../shared/errors';
import {
  deskTeamOf,
  requireRole,
  threadView,
  type ChannelHandlerContext,
  type ChannelHandlers,
} from './channelContext';

/**
 * The user's side: a conversation with the desk a team's card names. The teams themselves —
 * listing, importing and confirming a card — are the contact family's, one API for one store.
 */
export function startSessionHandler(
  ctx: ChannelHandlerContext,
): Pick<ChannelHandlers, 'channel:startSession'> {
  return {
    'channel:startSession': async ({ teamId }) => {
      requireRole(ctx, 'user');
      const { pgp, channel } = await ctx.session();
      const team = await pgp.getTeam(teamId);
      if (!team) throw new TikhoError('pgp/unknown-team');
      // As for requests: a revoked key may be in an adversary's hands, and so may its desk.
      if (team.revocation) throw new TikhoError('pgp/team-revoked', { revokedAt: team.revocation.revokedAt });
      // The bundle is only as trustworthy as the card: an unconfirmed team's desk could be anyone's.
      if (team.verification !== 'verified') throw new TikhoError('channel/team-unverified');
      if (!team.channelBundle) throw new TikhoError('channel/team-no-channel');
      const summary = await channel.startSession(team.channelBundle);
      return { thread: threadView(summary, new Map([[summary.threadId, deskTeamOf(team)]])) };
    },
  };
}
