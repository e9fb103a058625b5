import type { ImportCardResult, TeamView } from '../../../../../shared/contact/card';
import type { ReplyView, SentRequestView } from '../../../../../shared/contact/request';
import type {
  ImportCardSummary,
  OwnKeySummary,
  ReplySummary,
  RequestSummary,
  TeamSummary,
} from '../../../../../shared/ipc/contact';
import { fingerprintGroups, type OwnKeyView } from '../../../pgp';

/**
 * Service views to IPC responses, field by field: the strict response schemas refuse anything
 * extra, and nothing secret (no secret key, no one-time key) ever leaves.
 */

export function toTeamSummary(team: TeamView): TeamSummary {
  return {
    teamId: team.teamId,
    teamName: team.teamName,
    fingerprint: team.fingerprint,
    fingerprintGroups: team.fingerprintGroups,
    channels: team.channels,
    deskAddress: team.channelBundle?.address ?? null,
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

export function toImportSummary(result: ImportCardResult, lookalikeOf: string | null): ImportCardSummary {
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

export function toOwnKeySummary(key: OwnKeyView): OwnKeySummary {
  return {
    fingerprint: key.fingerprint,
    fingerprintGroups: key.fingerprintGroups,
    createdAt: key.createdAt,
    validity: key.validity,
    revokedAt: key.revokedAt,
  };
}

export function toReplySummary(reply: ReplyView): ReplySummary {
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

export function toRequestSummary(request: SentRequestView): RequestSummary {
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
