import type { SentRequestView } from '../../../shared/contact/request';
import type { RequestBookContext } from './requestBookContext';
import type { RequestRecord, StoredReply } from './requestRecord';
import type { TeamStore } from './teamStore';

/** Revocation time of each revoked team key, by team id. */
export async function teamRevocations(teams: TeamStore): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  for (const team of await teams.listTeams()) {
    if (team.revocation) map.set(team.teamId, team.revocation.revokedAt);
  }
  return map;
}

/** Every stored request, newest first. */
export async function listRequestViews(ctx: RequestBookContext): Promise<SentRequestView[]> {
  const views: SentRequestView[] = [];
  const revoked = await teamRevocations(ctx.teams);
  for (const id of await ctx.requests.ids()) {
    const record = await ctx.requests.read(id);
    if (record) views.push(toView(record, revoked));
  }
  return views.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

export async function requestViewById(ctx: RequestBookContext, id: string): Promise<SentRequestView | null> {
  const record = await ctx.requests.read(id);
  return record ? toView(record, await teamRevocations(ctx.teams)) : null;
}

/**
 * Replies already read when a revocation arrives are marked if their signature is dated after
 * it (or carries no date we kept): from then on the key may have been someone else's.
 */
function signedAfterRevocation(signer: StoredReply['signer'], revoked: Map<string, string>) {
  const revokedAt = signer.teamId === null ? undefined : revoked.get(signer.teamId);
  if (revokedAt === undefined || signer.status === 'unsigned' || signer.status === 'unknown') return false;
  return !signer.signedAt || Date.parse(signer.signedAt) > Date.parse(revokedAt);
}

/** What the renderer sees of a request: the record without the replies' ciphertexts. */
export function toView(record: RequestRecord, revoked: Map<string, string> = new Map()): SentRequestView {
  return {
    id: record.id,
    teamId: record.teamId,
    teamName: record.teamName,
    teamFingerprint: record.teamFingerprint,
    teamVerifiedAtSend: record.teamVerifiedAtSend,
    category: record.category,
    anonymous: record.anonymous,
    status: record.status,
    createdAt: record.createdAt,
    sentAt: record.sentAt,
    armored: record.armored,
    payload: record.payload,
    replies: record.replies.map(({ armored: _armored, ...reply }) => {
      void _armored;
      return { ...reply, signedAfterRevocation: signedAfterRevocation(reply.signer, revoked) };
    }),
  };
}
