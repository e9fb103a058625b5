import type { ChannelRole, ChannelThreadSummary } from '../../../../../shared/channel/channelTypes';
import type { TeamView } from '../../../../../shared/contact/card';
import { TikhoError } from '../../../../../shared/errors';
import type { ChannelThreadView, channelChannels } from '../../../../../shared/ipc/secureChannel';
import type { DeskService } from '../../../desk';
import type { HandlersFor } from '../../../ipc';
import type { PgpService } from '../../../pgp';
import type { Services } from '../../services';
import { channelRoleOf, type UnlockedSession } from '../../unlockedSession';

export type ChannelHandlers = HandlersFor<typeof channelChannels>;

/** What every secure-channel handler group works with: this profile's role and the session. */
export interface ChannelHandlerContext {
  role: ChannelRole;
  ports: Services['ports'];
  /** The unlocked session's services, started on first use after an unlock. */
  session: () => Promise<UnlockedSession>;
}

export function channelContextOf(
  services: Pick<Services, 'profile' | 'sessions' | 'ports'>,
): ChannelHandlerContext {
  return {
    role: channelRoleOf(services.profile),
    ports: services.ports,
    session: () => services.sessions.current(),
  };
}

export function requireRole(ctx: ChannelHandlerContext, expected: ChannelRole): void {
  if (ctx.role !== expected) throw new TikhoError('channel/wrong-role', { expected, actual: ctx.role });
}

export async function requireDesk(ctx: ChannelHandlerContext): Promise<DeskService> {
  requireRole(ctx, 'desk');
  const { desk } = await ctx.session();
  if (!desk) throw new TikhoError('channel/wrong-role', { expected: 'desk', actual: ctx.role });
  return desk;
}

/** The team whose desk a user's thread reaches, as the thread shows it. */
export interface DeskTeam {
  teamName: string;
  revoked: boolean;
}

export const deskTeamOf = (team: TeamView): DeskTeam => ({
  teamName: team.teamName,
  revoked: team.revocation !== null,
});

/** A user's threads are named after the team whose desk they reach; a desk's threads are not. */
export async function deskTeams(ctx: ChannelHandlerContext, pgp: PgpService): Promise<Map<string, DeskTeam>> {
  const teams = new Map<string, DeskTeam>();
  if (ctx.role !== 'user') return teams;
  for (const team of await pgp.listTeams()) {
    if (team.channelBundle) teams.set(team.channelBundle.address, deskTeamOf(team));
  }
  return teams;
}

export function threadView(summary: ChannelThreadSummary, teams: Map<string, DeskTeam>): ChannelThreadView {
  const team = teams.get(summary.threadId);
  return { ...summary, teamName: team?.teamName ?? null, teamRevoked: team?.revoked ?? false };
}

export async function withName(
  ctx: ChannelHandlerContext,
  summary: ChannelThreadSummary,
): Promise<ChannelThreadView> {
  return threadView(summary, await deskTeams(ctx, (await ctx.session()).pgp));
}
