import type { ImportCardResult } from '../../../shared/contact/card';
import { readArmoredPublicKey } from './keyMaterial';
import { pgpError } from './pgpError';
import { applyRevocation, revocationSignatures } from './revocation';
import type { TeamRecord, TeamRecords } from './teamRecord';
import { teamView } from './teamRecord';

/**
 * Applies a revocation (a bare revocation certificate, a revoked certificate, or the key of a
 * re-issued card) to the one stored team whose key it revokes; teams are tried in id order and
 * the first whose key it verifies against takes it. A revocation for no known key is an error.
 */
export async function importRevocation(
  teams: TeamRecords,
  armored: string,
  now: Date,
): Promise<ImportCardResult> {
  const signatures = await revocationSignatures(armored);
  if (signatures.length === 0) throw pgpError('pgp/card-malformed', { reason: 'not-a-card' });
  for (const id of (await teams.ids()).sort()) {
    const record = await teams.read(id);
    const armoredKey = record?.card.body.publicKeys[0];
    if (!record || armoredKey === undefined) continue;
    const applied = await applyRevocation(await readArmoredPublicKey(armoredKey), signatures, now);
    if (!applied) continue;
    if (record.revocation) return { kind: 'revoked', team: teamView(record), newlyRevoked: false };
    const updated: TeamRecord = {
      ...record,
      revocation: {
        revokedAt: applied.revokedAt.toISOString(),
        appliedAt: now.toISOString(),
        reason: applied.reason,
        revokedKey: applied.key.armor(),
      },
    };
    await teams.write(id, updated);
    return { kind: 'revoked', team: teamView(updated), newlyRevoked: true };
  }
  throw pgpError('pgp/revocation-unknown-key');
}
