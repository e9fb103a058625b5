import type { TeamView } from '../../../shared/contact/card';
import { normalizeFingerprint } from './fingerprint';
import { pgpError } from './pgpError';
import type { TeamRecord, TeamStoreContext } from './teamRecord';
import { teamView } from './teamRecord';

/**
 * The person's decisions about a team: the fingerprint compared through a second channel, and
 * a pending key change taken or refused. Only the stored fingerprint verifies, so a typo or a
 * pending key can never be confirmed by mistake.
 */
export async function markVerified(
  ctx: TeamStoreContext,
  teamId: string,
  fingerprint: string,
): Promise<TeamView> {
  const record = await ctx.teams.readOrThrow(teamId);
  if (normalizeFingerprint(fingerprint) !== record.card.body.fingerprint) {
    throw pgpError('pgp/team-fingerprint-mismatch');
  }
  return save(ctx, teamId, { ...record, verifiedAt: ctx.clock().toISOString() });
}

/** The new key replaces the old one, and the team is unverified again: nobody compared this key. */
export async function acceptChangedKey(ctx: TeamStoreContext, teamId: string): Promise<TeamView> {
  const record = await ctx.teams.readOrThrow(teamId);
  if (!record.pending) throw pgpError('pgp/no-pending-key-change');
  return save(ctx, teamId, { ...record, card: record.pending.card, pending: null, verifiedAt: null });
}

export async function rejectChangedKey(ctx: TeamStoreContext, teamId: string): Promise<TeamView> {
  const record = await ctx.teams.readOrThrow(teamId);
  if (!record.pending) throw pgpError('pgp/no-pending-key-change');
  return save(ctx, teamId, { ...record, pending: null });
}

async function save(ctx: TeamStoreContext, teamId: string, updated: TeamRecord): Promise<TeamView> {
  await ctx.teams.write(teamId, updated);
  return teamView(updated);
}
