import type { ChannelRole, ChannelThreadSummary } from '../../../../../shared/channel/channelTypes';
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

/** A user's threads are named after the team whose desk they reach; a desk's threads are not. */
export async function teamNames(ctx: ChannelHandlerContext, pgp: PgpService): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  if (ctx.role !== 'user') return names;
  for (const team of await pgp.listTeams()) {
    if (team.channelBundle) names.set(team.channelBundle.address, team.teamName);
  }
  return names;
}

export function threadView(summary: ChannelThreadSummary, names: Map<string, string>): ChannelThreadView {
  return { ...summary, teamName: names.get(summary.threadId) ?? null };
}

export async function withName(
  ctx: ChannelHandlerContext,
  summary: ChannelThreadSummary,
): Promise<ChannelThreadView> {
  return threadView(summary, await teamNames(ctx, (await ctx.session()).pgp));
}
