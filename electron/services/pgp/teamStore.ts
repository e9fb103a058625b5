import type { PublicKey } from 'openpgp';
import type { ImportCardResult, TeamView } from '../../../shared/contact/card';
import type { EncryptedRecordStore } from '../vault';
import { importCard } from './teamCardImport';
import { allTeamKeys, teamKeys, type TeamKeyRef } from './teamKeys';
import { listTeamViews, teamRecords, teamView, type TeamStoreContext } from './teamRecord';
import { acceptChangedKey, markVerified, rejectChangedKey } from './teamVerification';

export type { TeamKeyRef } from './teamKeys';

/**
 * The teams the user imported. Trust on first use is NOT trust: a new team is unverified until
 * the user compares the fingerprint through a second channel and confirms (markVerified). A card
 * with another key for a known team never replaces the stored key by itself: it waits as a
 * pending key change until acceptChangedKey, which also drops the verification.
 */
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
  const ctx: TeamStoreContext = { teams: teamRecords(options.records), clock: options.clock };
  return {
    importCard: (text) => importCard(ctx, text),
    markVerified: (teamId, fingerprint) => markVerified(ctx, teamId, fingerprint),
    acceptChangedKey: (teamId) => acceptChangedKey(ctx, teamId),
    rejectChangedKey: (teamId) => rejectChangedKey(ctx, teamId),
    async getTeam(teamId) {
      const record = await ctx.teams.read(teamId);
      return record ? teamView(record) : null;
    },
    listTeams: () => listTeamViews(ctx.teams),
    removeTeam: (teamId) => ctx.teams.remove(teamId),
    teamKeys: (teamId) => teamKeys(ctx.teams, teamId),
    allTeamKeys: () => allTeamKeys(ctx.teams),
  };
}
