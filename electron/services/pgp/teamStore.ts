import { z } from 'zod';
import type { PublicKey } from 'openpgp';
import {
  cardBodySchema,
  type CardBody,
  type ImportCardResult,
  type TeamView,
} from '../../../shared/contact/card';
import type { EncryptedRecordStore } from '../vault';
import { toView, parseAndVerifyCard } from './contactCard';
import { fingerprintGroups, normalizeFingerprint } from './fingerprint';
import { isTikhoError } from '../../../shared/errors';
import { extractArmoredBlock } from './armoredInput';
import { cardPrimaryKey } from './contactCard';
import { readArmoredPublicKey } from './keyMaterial';
import { MAX_ARMORED_KEY_CHARS } from './limits';
import { pgpError } from './pgpError';
import { applyRevocation, revocationSignatures } from './revocation';
import { COLLECTIONS, readRecord, writeRecord } from './recordJson';

/**
 * The teams the user imported. Trust on first use is NOT trust: a new team is unverified until
 * the user compares the fingerprint through a second channel and confirms (markVerified). A card
 * with another key for a known team never replaces the stored key by itself: it waits as a
 * pending key change until acceptChangedKey, which also drops the verification.
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
type TeamRecord = z.infer<typeof teamRecordSchema>;

export interface TeamKeyRef {
  teamId: string;
  teamName: string;
  fingerprint: string;
  verified: boolean;
  key: PublicKey;
  /** When the team's key was revoked: signatures made after it are not the team's word. */
  revokedAt: Date | null;
}

export interface TeamStore {
  importCard(text: unknown): Promise<ImportCardResult>;
  markVerified(teamId: string, fingerprint: string): Promise<TeamView>;
  acceptChangedKey(teamId: string): Promise<TeamView>;
  rejectChangedKey(teamId: string): Promise<TeamView>;
  getTeam(teamId: string): Promise<TeamView | null>;
  listTeams(): Promise<TeamView[]>;
  removeTeam(teamId: string): Promise<void>;
  /** The team's current keys (publicKeys of the stored card), primary first. */
  teamKeys(teamId: string): Promise<{ team: TeamView; keys: PublicKey[] }>;
  /** Every current key of every team, for attributing reply signatures. */
  allTeamKeys(): Promise<TeamKeyRef[]>;
}

export function createTeamStore(options: { records: EncryptedRecordStore; clock: () => Date }): TeamStore {
  const { records, clock } = options;
  const load = (teamId: string): Promise<TeamRecord | null> =>
    readRecord(records, COLLECTIONS.teams, teamId, teamRecordSchema);
  const save = (teamId: string, record: TeamRecord): Promise<void> =>
    writeRecord(records, COLLECTIONS.teams, teamId, record);
  const loadOrThrow = async (teamId: string): Promise<TeamRecord> => {
    const record = await load(teamId);
    if (!record) throw pgpError('pgp/unknown-team');
    return record;
  };

  async function importRevocation(armored: string, now: Date): Promise<ImportCardResult> {
    const signatures = await revocationSignatures(armored);
    if (signatures.length === 0) throw pgpError('pgp/card-malformed', { reason: 'not-a-card' });
    for (const id of (await records.list(COLLECTIONS.teams)).sort()) {
      const record = await load(id);
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
      await save(id, updated);
      return { kind: 'revoked', team: teamView(updated), newlyRevoked: true };
    }
    throw pgpError('pgp/revocation-unknown-key');
  }

  return {
    async importCard(text) {
      const now = clock();
      // The first armor line tells the kind; a card's JSON may quote key armor further down.
      if (
        typeof text === 'string' &&
        /^-----BEGIN (PGP [A-Z ]+)-----/m.exec(text)?.[1] === 'PGP PUBLIC KEY BLOCK'
      ) {
        return importRevocation(extractArmoredBlock(text, ['public-key'], MAX_ARMORED_KEY_CHARS), now);
      }
      let card: Awaited<ReturnType<typeof parseAndVerifyCard>>;
      try {
        card = await parseAndVerifyCard(text, { now });
      } catch (error) {
        // A re-issued card whose key is revoked cannot verify (the key no longer signs), but
        // its revocation is signed by that very key: apply it if the team is known.
        const revokedKey =
          isTikhoError(error) && error.code === 'pgp/key-revoked' ? await cardPrimaryKey(text) : null;
        if (revokedKey === null) throw error;
        // No key revocation on the card (say, only its encryption subkeys are revoked): the
        // card's own error stands.
        return importRevocation(revokedKey, now).catch((fallback: unknown) => {
          throw isTikhoError(fallback) && fallback.code === 'pgp/card-malformed' ? error : fallback;
        });
      }
      const stored = { body: card.body, signedText: card.signedText };
      const teamId = card.body.teamId;
      const existing = await load(teamId);
      if (!existing) {
        const record: TeamRecord = {
          card: stored,
          verifiedAt: null,
          importedAt: now.toISOString(),
          pending: null,
        };
        await save(teamId, record);
        return { kind: 'new', team: teamView(record) };
      }
      if (existing.card.body.fingerprint !== card.body.fingerprint) {
        // Loud and inert: remembered for the decision, used for nothing.
        const record: TeamRecord = { ...existing, pending: { card: stored, seenAt: now.toISOString() } };
        await save(teamId, record);
        return {
          kind: 'key-changed',
          team: teamView(record),
          previousFingerprint: existing.card.body.fingerprint,
          newFingerprint: card.body.fingerprint,
          newFingerprintGroups: fingerprintGroups(card.body.fingerprint),
        };
      }
      // Same key: take the card only if it is newer, so an old card cannot roll back channels.
      if (Date.parse(card.body.issuedAt) > Date.parse(existing.card.body.issuedAt)) {
        const record: TeamRecord = { ...existing, card: stored };
        await save(teamId, record);
        return { kind: 'updated', team: teamView(record) };
      }
      return { kind: 'unchanged', team: teamView(existing) };
    },

    async markVerified(teamId, fingerprint) {
      const record = await loadOrThrow(teamId);
      if (normalizeFingerprint(fingerprint) !== record.card.body.fingerprint) {
        throw pgpError('pgp/team-fingerprint-mismatch');
      }
      const updated: TeamRecord = { ...record, verifiedAt: clock().toISOString() };
      await save(teamId, updated);
      return teamView(updated);
    },

    async acceptChangedKey(teamId) {
      const record = await loadOrThrow(teamId);
      if (!record.pending) throw pgpError('pgp/no-pending-key-change');
      const updated: TeamRecord = { ...record, card: record.pending.card, pending: null, verifiedAt: null };
      await save(teamId, updated);
      return teamView(updated);
    },

    async rejectChangedKey(teamId) {
      const record = await loadOrThrow(teamId);
      if (!record.pending) throw pgpError('pgp/no-pending-key-change');
      const updated: TeamRecord = { ...record, pending: null };
      await save(teamId, updated);
      return teamView(updated);
    },

    async getTeam(teamId) {
      const record = await load(teamId);
      return record ? teamView(record) : null;
    },

    async listTeams() {
      const ids = await records.list(COLLECTIONS.teams);
      const views: TeamView[] = [];
      for (const id of ids.sort()) {
        const record = await load(id);
        if (record) views.push(teamView(record));
      }
      return views;
    },

    async removeTeam(teamId) {
      await records.remove(COLLECTIONS.teams, teamId);
    },

    async teamKeys(teamId) {
      const record = await loadOrThrow(teamId);
      // Blocked at once: a revoked key may be in an adversary's hands.
      if (record.revocation) throw pgpError('pgp/team-revoked', { revokedAt: record.revocation.revokedAt });
      return { team: teamView(record), keys: await parseKeys(record.card.body) };
    },

    async allTeamKeys() {
      const refs: TeamKeyRef[] = [];
      for (const id of await records.list(COLLECTIONS.teams)) {
        const record = await load(id);
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
    },
  };
}

async function parseKeys(body: CardBody): Promise<PublicKey[]> {
  const keys: PublicKey[] = [];
  for (const armored of body.publicKeys) keys.push(await readArmoredPublicKey(armored));
  return keys;
}

function teamView(record: TeamRecord): TeamView {
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
