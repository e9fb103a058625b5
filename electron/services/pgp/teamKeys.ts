import type { PublicKey } from 'openpgp';
import type { CardBody, TeamView } from '../../../shared/contact/card';
import { normalizeFingerprint } from './fingerprint';
import { readArmoredPublicKey } from './keyMaterial';
import { pgpError } from './pgpError';
import type { TeamRecords } from './teamRecord';
import { teamView } from './teamRecord';

export interface TeamKeyRef {
  teamId: string;
  teamName: string;
  fingerprint: string;
  verified: boolean;
  key: PublicKey;
  /** When the team's key was revoked: signatures made after it are not the team's word. */
  revokedAt: Date | null;
}

/** The keys to write to a team with (its card's publicKeys, primary first); none once revoked. */
export async function teamKeys(
  teams: TeamRecords,
  teamId: string,
): Promise<{ team: TeamView; keys: PublicKey[] }> {
  const record = await teams.readOrThrow(teamId);
  // Blocked at once: a revoked key may be in an adversary's hands.
  if (record.revocation) throw pgpError('pgp/team-revoked', { revokedAt: record.revocation.revokedAt });
  return { team: teamView(record), keys: await parseKeys(record.card.body) };
}

/** Every current key of every team, revoked ones included, for attributing reply signatures. */
export async function allTeamKeys(teams: TeamRecords): Promise<TeamKeyRef[]> {
  const refs: TeamKeyRef[] = [];
  for (const id of await teams.ids()) {
    const record = await teams.read(id);
    if (!record) continue;
    for (const key of await parseKeys(record.card.body)) {
      refs.push({
        teamId: record.card.body.teamId,
        teamName: record.card.body.teamName,
        fingerprint: normalizeFingerprint(key.getFingerprint()),
        // Only the primary key's fingerprint is what the user compared; the card's other keys
        // are vouched for by that key's signature on the card.
        verified: record.verifiedAt !== null,
        key,
        revokedAt: record.revocation ? new Date(record.revocation.revokedAt) : null,
      });
    }
  }
  return refs;
}

async function parseKeys(body: CardBody): Promise<PublicKey[]> {
  const keys: PublicKey[] = [];
  for (const armored of body.publicKeys) keys.push(await readArmoredPublicKey(armored));
  return keys;
}
