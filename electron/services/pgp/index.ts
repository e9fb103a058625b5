import type { PublicKey } from 'openpgp';
import type { ImportCardResult, TeamView } from '../../../shared/contact/card';
import type { EncryptedRecordStore } from '../vault';
import { loadOrgCards } from './orgCards';
import { COLLECTIONS } from './recordJson';
import { createOwnKeyStore, type OwnKeyView } from './ownKeyStore';
import { createReplyKeyStore } from './replyKeyStore';
import { createRequestBook, type RequestBook } from './requestBook';
import { pgpError } from './pgpError';
import { createTeamStore } from './teamStore';
import type { WarnLogger } from '../log';

export { createCard, parseAndVerifyCard, type CardFields, type VerifiedCard } from './contactCard';
export { fingerprintGroups, normalizeFingerprint } from './fingerprint';
export { loadOrgCards, type OrgCardsResult } from './orgCards';
export { readSignedText, signTextAsTeam, verifySignedTextBy } from './teamSignedText';
export { parseRequestPlaintext, renderReadableText, paddedSize, type LabelFn } from './requestText';
export type { OwnKeyView } from './ownKeyStore';
export type { ReadReplyResult } from './requestBook';
export type { ReplyAttachment } from './mimeReply';
export { MAX_CLOCK_SKEW_MS } from './limits';
export type { PgpErrorCode } from './pgpError';

/** Own key, teams, and (from the request book) sent requests with their replies. */
export interface PgpService extends RequestBook {
  // Own key
  generateOwnKey(options?: { name?: string }): Promise<OwnKeyView>;
  importOwnKey(armored: unknown, passphrase?: string): Promise<OwnKeyView>;
  getOwnKey(): Promise<OwnKeyView | null>;
  exportOwnPublicKey(): Promise<string>;
  revokeOwnKey(): Promise<{ revokedPublicKey: string; ownKey: OwnKeyView }>;
  // Teams
  importCard(text: unknown): Promise<ImportCardResult>;
  importOrgCards(
    directory: string,
  ): Promise<{ results: ImportCardResult[]; errors: { file: string; code: string }[] }>;
  listTeams(): Promise<TeamView[]>;
  getTeam(teamId: string): Promise<TeamView | null>;
  markVerified(teamId: string, fingerprint: string): Promise<TeamView>;
  acceptChangedKey(teamId: string): Promise<TeamView>;
  rejectChangedKey(teamId: string): Promise<TeamView>;
  removeTeam(teamId: string): Promise<void>;
  /** The team's primary key (the one whose fingerprint the person compared), to check its signatures. */
  teamPrimaryKey(teamId: string): Promise<{ team: TeamView; key: PublicKey }>;
}

/** The OpenPGP contact-support service. Everything it keeps goes through `records` (the vault). */
export function createPgpService(options: {
  records: EncryptedRecordStore;
  clock?: () => Date;
  logger?: WarnLogger;
}): PgpService {
  const clock = options.clock ?? (() => new Date());
  const { records, logger } = options;
  const teams = createTeamStore({ records, clock });
  const ownKeys = createOwnKeyStore({ records, clock });
  const replyKeys = createReplyKeyStore(records);
  const book = createRequestBook({ records, clock, teams, ownKeys, replyKeys });

  return {
    generateOwnKey: (opts) => ownKeys.generate(opts),
    importOwnKey: (armored, passphrase) => ownKeys.importSecret(armored, passphrase),
    getOwnKey: () => ownKeys.current(),
    exportOwnPublicKey: () => ownKeys.exportPublic(),
    revokeOwnKey: () => ownKeys.revoke(),

    importCard: (text) => teams.importCard(text),
    async importOrgCards(directory) {
      const loaded = await loadOrgCards(directory, { now: clock() });
      const results: ImportCardResult[] = [];
      for (const card of loaded.cards) results.push(await teams.importCard(card.signedText));
      for (const error of loaded.errors)
        logger?.warn('org card rejected', { file: error.file, code: error.code });
      return { results, errors: loaded.errors };
    },
    listTeams: () => teams.listTeams(),
    getTeam: (teamId) => teams.getTeam(teamId),
    markVerified: (teamId, fingerprint) => teams.markVerified(teamId, fingerprint),
    acceptChangedKey: (teamId) => teams.acceptChangedKey(teamId),
    rejectChangedKey: (teamId) => teams.rejectChangedKey(teamId),
    removeTeam: (teamId) => teams.removeTeam(teamId),
    async teamPrimaryKey(teamId) {
      const { team, keys } = await teams.teamKeys(teamId);
      const key = keys[0];
      if (!key) throw pgpError('pgp/record-corrupted', { collection: COLLECTIONS.teams });
      return { team, key };
    },

    composeRequest: (draft, label) => book.composeRequest(draft, label),
    listRequests: () => book.listRequests(),
    getRequest: (id) => book.getRequest(id),
    markSent: (id) => book.markSent(id),
    removeRequest: (id) => book.removeRequest(id),
    removeReply: (requestId, replyId) => book.removeReply(requestId, replyId),
    readReply: (armored, opts) => book.readReply(armored, opts),
    replyAttachment: (requestId, replyId, index) => book.replyAttachment(requestId, replyId, index),
  };
}

// What other services use (scripts/lint/serviceBoundary.js).
export { extractArmoredBlock } from './armoredInput';
export { generateLegacyCurve25519Key, readArmoredPublicKey, readArmoredSecretKey } from './keyMaterial';
export { MAX_ARMORED_MESSAGE_CHARS } from './limits';
export { decryptBytes, encryptBytes, mayBeFor, readArmoredMessage } from './messageCrypto';
