import { z } from 'zod';
import { cardBodySchema, type TeamView } from '../../../shared/contact/card';
import type { EncryptedRecordStore } from '../vault';
import { toView } from './contactCard';
import { fingerprintGroups } from './fingerprint';
import { COLLECTIONS, recordCollection, type RequiredRecordCollection } from './recordJson';

/**
 * A team as the vault keeps it: the verified card, when the person confirmed its fingerprint
 * (null: not yet), a card with another key waiting for the person's decision, and the key's
 * revocation once one arrived.
 */
const storedCardSchema = z.object({ body: cardBodySchema, signedText: z.string() }).strict();
const teamRecordSchema = z
  .object({
    card: storedCardSchema,
    verifiedAt: z.string().nullable(),
    importedAt: z.string(),
    pending: z.object({ card: storedCardSchema, seenAt: z.string() }).strict().nullable(),
    /** Set once the team's key is revoked; records made before revocation support lack it. */
    revocation: z
      .object({
        revokedAt: z.string(),
        appliedAt: z.string(),
        reason: z.enum(['compromised', 'superseded', 'retired', 'unspecified']),
        /** The team key with its revocation signature, kept as evidence and for re-sharing. */
        revokedKey: z.string(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type TeamRecord = z.infer<typeof teamRecordSchema>;

export type TeamRecords = RequiredRecordCollection<TeamRecord>;

export function teamRecords(records: EncryptedRecordStore): TeamRecords {
  return recordCollection(records, COLLECTIONS.teams, teamRecordSchema, 'pgp/unknown-team');
}

/** What every part of the team store uses: the stored teams and the clock. */
export interface TeamStoreContext {
  readonly teams: TeamRecords;
  readonly clock: () => Date;
}

/** Every stored team, ordered by team id. */
export async function listTeamViews(teams: TeamRecords): Promise<TeamView[]> {
  const views: TeamView[] = [];
  for (const id of (await teams.ids()).sort()) {
    const record = await teams.read(id);
    if (record) views.push(teamView(record));
  }
  return views;
}

export function teamView(record: TeamRecord): TeamView {
  return {
    ...toView(record.card.body),
    verification: record.verifiedAt ? 'verified' : 'unverified',
    revocation: record.revocation
      ? { revokedAt: record.revocation.revokedAt, reason: record.revocation.reason }
      : null,
    verifiedAt: record.verifiedAt,
    importedAt: record.importedAt,
    pendingKeyChange: record.pending
      ? {
          fingerprint: record.pending.card.body.fingerprint,
          fingerprintGroups: fingerprintGroups(record.pending.card.body.fingerprint),
          seenAt: record.pending.seenAt,
        }
      : null,
  };
}
