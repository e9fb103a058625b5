import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImportCardResult, TeamView } from '../../../../shared/contact/card';
import { TikhoError } from '../../../../shared/errors';
import type { ReplyView, SentRequestView } from '../../../../shared/contact/request';
import type {
  contactChannels,
  ImportCardSummary,
  OwnKeySummary,
  ReplySummary,
  RequestSummary,
  TeamSummary,
} from '../../../../shared/ipc/contact';
import { lookalikeOfNewTeam } from '../../contact';
import type { HandlersFor } from '../../ipc';
import { fingerprintGroups, type OwnKeyView } from '../../pgp';
import type { Services } from '../services';
import { safeFileName } from './safeFileName';

/** Where an organisation build ships its own cards (the stock build ships none). */
export const ORG_CARDS_DIR = 'org';

/**
 * Contact support over OpenPGP. Responses are mapped field by field: the strict response
 * schemas refuse anything extra, and nothing secret (no secret key, no one-time key) ever leaves.
 */
export function createContactHandlers(
  ctx: Pick<
    Services,
    'pgp' | 'requestLabels' | 'resourcesDir' | 'vault' | 'ports' | 'settings' | 'systemLanguage'
  >,
): HandlersFor<typeof contactChannels> {
  const { pgp } = ctx;
  const labeler = ctx.requestLabels;

  // Organisation cards are (re)imported once per unlock: a locked vault cannot store them, and
  // a new build may ship a new card. The flag drops on lock so the next unlock loads again.
  let orgCards: Promise<void> | null = null;
  ctx.vault.onLock(() => {
    orgCards = null;
  });
  const ensureOrgCards = (): Promise<void> => {
    orgCards ??= pgp
      .importOrgCards(path.join(ctx.resourcesDir, ORG_CARDS_DIR))
      .then(() => undefined)
      .catch((error: unknown) => {
        // Failing here must not hide the teams the person imported; the next unlock retries.
        orgCards = null;
        throw error;
      });
    return orgCards;
  };

  const saveText = async (defaultName: string, text: string): Promise<{ saved: boolean }> => {
    const target = await ctx.ports.chooseSavePath(defaultName);
    if (target === null) return { saved: false };
    await writeFile(target, text, { encoding: 'utf8', mode: 0o600 });
    return { saved: true };
  };

  return {
    'contact:teams': async () => {
      await ensureOrgCards();
      return { teams: (await pgp.listTeams()).map(toTeamSummary) };
    },
    'contact:importCard': async ({ text }) => {
      const result = await pgp.importCard(text);
      return toImportSummary(result, await lookalikeOfNewTeam(result, () => pgp.listTeams()));
    },
    'contact:markVerified': async ({ teamId, fingerprint }) => ({
      team: toTeamSummary(await pgp.markVerified(teamId, fingerprint)),
    }),
    'contact:acceptKeyChange': async ({ teamId }) => ({
      team: toTeamSummary(await pgp.acceptChangedKey(teamId)),
    }),
    'contact:rejectKeyChange': async ({ teamId }) => ({
      team: toTeamSummary(await pgp.rejectChangedKey(teamId)),
    }),
    'contact:removeTeam': async ({ teamId }) => {
      await pgp.removeTeam(teamId);
      return {};
    },

    'contact:ownKey': async () => {
      const key = await pgp.getOwnKey();
      return { key: key ? toOwnKeySummary(key) : null };
    },
    'contact:generateOwnKey': async () => ({ key: toOwnKeySummary(await pgp.generateOwnKey()) }),
    'contact:importOwnKey': async ({ armored, passphrase }) => ({
      key: toOwnKeySummary(await pgp.importOwnKey(armored, passphrase)),
    }),
    'contact:exportOwnKey': async () => ({ armored: await pgp.exportOwnPublicKey() }),
    'contact:saveOwnKey': async () => saveText('my-public-key.asc', await pgp.exportOwnPublicKey()),
    'contact:revokeOwnKey': async () => {
      const { revokedPublicKey, ownKey } = await pgp.revokeOwnKey();
      return { key: toOwnKeySummary(ownKey), revokedPublicKey };
    },

    'contact:compose': async ({ draft }) => {
      const settings = ctx.settings.get();
      const label = await labeler(settings.language ?? ctx.systemLanguage);
      return { request: toRequestSummary(await pgp.composeRequest(draft, label)) };
    },
    'contact:saveRequest': async ({ requestId }) => {
      const request = await pgp.getRequest(requestId);
      if (!request) throw new TikhoError('pgp/unknown-request');
      // The date only: a file name must not say which team or what the request is about.
      return saveText(`request-${request.createdAt.slice(0, 10)}.asc`, request.armored);
    },
    'contact:markSent': async ({ requestId }) => ({
      request: toRequestSummary(await pgp.markSent(requestId)),
    }),
    'contact:requests': async () => ({ requests: (await pgp.listRequests()).map(toRequestSummary) }),
    'contact:removeRequest': async ({ requestId }) => {
      await pgp.removeRequest(requestId);
      return {};
    },
    'contact:saveReplyAttachment': async ({ requestId, replyId, index }) => {
      const part = await pgp.replyAttachment(requestId, replyId, index);
      const target = await ctx.ports.chooseSavePath(safeFileName(part.name, 'attachment'));
      if (target === null) return { saved: false };
      await writeFile(target, part.data, { mode: 0o600 });
      return { saved: true };
    },
    'contact:readReply': async ({ armored, requestId }) => {
      const result = await pgp.readReply(armored, requestId === undefined ? {} : { requestId });
      return {
        reply: toReplySummary(result.reply),
        requestId: result.requestId,
        duplicate: result.duplicate,
      };
    },
    'contact:removeReply': async ({ requestId, replyId }) => ({
      request: toRequestSummary(await pgp.removeReply(requestId, replyId)),
    }),
  };
}

export function toTeamSummary(team: TeamView): TeamSummary {
  return {
    teamId: team.teamId,
    teamName: team.teamName,
    fingerprint: team.fingerprint,
    fingerprintGroups: team.fingerprintGroups,
    channels: team.channels,
    categories: team.categories,
    issuedAt: team.issuedAt,
    verification: team.verification,
    verifiedAt: team.verifiedAt,
    importedAt: team.importedAt,
    revocation: team.revocation,
    pendingKeyChange: team.pendingKeyChange
      ? {
          fingerprintGroups: team.pendingKeyChange.fingerprintGroups,
          seenAt: team.pendingKeyChange.seenAt,
        }
      : null,
  };
}

function toImportSummary(result: ImportCardResult, lookalikeOf: string | null): ImportCardSummary {
  if (result.kind === 'key-changed') {
    return {
      kind: result.kind,
      team: toTeamSummary(result.team),
      previousFingerprintGroups: fingerprintGroups(result.previousFingerprint),
      newFingerprintGroups: result.newFingerprintGroups,
      lookalikeOf,
    };
  }
  return {
    kind: result.kind,
    team: toTeamSummary(result.team),
    previousFingerprintGroups: null,
    newFingerprintGroups: null,
    lookalikeOf,
  };
}

function toOwnKeySummary(key: OwnKeyView): OwnKeySummary {
  return {
    fingerprint: key.fingerprint,
    fingerprintGroups: key.fingerprintGroups,
    createdAt: key.createdAt,
    validity: key.validity,
    revokedAt: key.revokedAt,
  };
}

function toReplySummary(reply: ReplyView): ReplySummary {
  return {
    id: reply.id,
    receivedAt: reply.receivedAt,
    text: reply.text,
    attachments: reply.attachments ?? [],
    signedAfterRevocation: reply.signedAfterRevocation ?? false,
    signer: {
      status: reply.signer.status,
      fingerprintGroups: reply.signer.fingerprintGroups,
      keyId: reply.signer.keyId,
      teamName: reply.signer.teamName,
    },
  };
}

function toRequestSummary(request: SentRequestView): RequestSummary {
  return {
    id: request.id,
    teamId: request.teamId,
    teamName: request.teamName,
    teamVerifiedAtSend: request.teamVerifiedAtSend,
    category: request.category,
    anonymous: request.anonymous,
    status: request.status,
    createdAt: request.createdAt,
    sentAt: request.sentAt,
    armored: request.armored,
    fields: request.payload.fields,
    text: request.payload.text,
    replies: request.replies.map(toReplySummary),
  };
}
