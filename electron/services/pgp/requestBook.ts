import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { PublicKey } from 'openpgp';
import { requestDraftSchema, requestFieldsSchema, freeTextSchema } from '../../../shared/contact/forms';
import {
  REQUEST_STATUSES,
  requestPayloadSchema,
  type ReplyView,
  type RequestPayload,
  type SentRequestView,
  type SignerView,
} from '../../../shared/contact/request';
import { REQUEST_CATEGORIES } from '../../../shared/contact/categories';
import { isTikhoError } from '../../../shared/errors';
import type { EncryptedRecordStore } from '../vault';
import { armorIdentity } from './armorIdentity';
import { extractArmoredBlock } from './armoredInput';
import { fingerprintGroups, normalizeFingerprint } from './fingerprint';
import { generateLegacyCurve25519Key } from './keyMaterial';
import { assertKeyUsable } from './keyValidity';
import { MAX_ARMORED_MESSAGE_CHARS, MAX_REPLIES_PER_REQUEST } from './limits';
import {
  decryptBytes,
  encryptBytes,
  readArmoredMessage,
  recipientKeyIds,
  WILDCARD_KEY_ID,
  type SignatureCheck,
} from './messageCrypto';
import type { OwnKeyStore } from './ownKeyStore';
import { readReplyContent, type ReplyAttachment } from './mimeReply';
import { pgpError } from './pgpError';
import { COLLECTIONS, readRecord, writeRecord } from './recordJson';
import type { ReplyKeyStore } from './replyKeyStore';
import { buildRequestPlaintext, type LabelFn } from './requestText';
import type { TeamKeyRef, TeamStore } from './teamStore';

const signerSchema = z
  .object({
    status: z.enum(['verified', 'known-unverified', 'unknown', 'unsigned']),
    fingerprint: z.string().nullable(),
    fingerprintGroups: z.array(z.string()).nullable(),
    keyId: z.string().nullable(),
    teamId: z.string().nullable(),
    teamName: z.string().nullable(),
    /** Signature creation time; absent on replies stored before it was kept. */
    signedAt: z.string().nullable().optional(),
  })
  .strict();
const replySchema = z
  .object({
    id: z.string(),
    receivedAt: z.string(),
    text: z.string(),
    signer: signerSchema,
    decryptedWith: z.enum(['own-key', 'one-time-key']),
    attachments: z
      .array(z.object({ name: z.string(), mediaType: z.string(), size: z.number().int().min(0) }).strict())
      .optional(),
    armored: z.string(),
  })
  .strict();
const requestRecordSchema = z
  .object({
    id: z.string(),
    teamId: z.string(),
    teamName: z.string(),
    teamFingerprint: z.string(),
    teamVerifiedAtSend: z.boolean(),
    category: z.enum(REQUEST_CATEGORIES),
    anonymous: z.boolean(),
    status: z.enum(REQUEST_STATUSES),
    createdAt: z.string(),
    sentAt: z.string().nullable(),
    armored: z.string(),
    payload: requestPayloadSchema,
    replies: z.array(replySchema),
  })
  .strict();
type RequestRecord = z.infer<typeof requestRecordSchema>;

export interface ReadReplyResult {
  reply: ReplyView;
  /** The request whose thread now holds the reply; null when none could be told. */
  requestId: string | null;
  /** The same reply was already in that thread: it was not stored a second time (issue 16 §7). */
  duplicate: boolean;
}

export interface RequestBook {
  composeRequest(draft: unknown, label: LabelFn): Promise<SentRequestView>;
  listRequests(): Promise<SentRequestView[]>;
  getRequest(id: string): Promise<SentRequestView | null>;
  markSent(id: string): Promise<SentRequestView>;
  removeRequest(id: string): Promise<void>;
  /** Takes a reply pasted into the wrong thread (or not wanted) back out of it. */
  removeReply(requestId: string, replyId: string): Promise<SentRequestView>;
  readReply(
    armored: unknown,
    options?: { requestId?: string; expectSigned?: boolean },
  ): Promise<ReadReplyResult>;
  /** A file attached to a PGP/MIME reply, for saving outside the vault. */
  replyAttachment(requestId: string, replyId: string, index: number): Promise<ReplyAttachment>;
}

export function createRequestBook(deps: {
  records: EncryptedRecordStore;
  clock: () => Date;
  teams: TeamStore;
  ownKeys: OwnKeyStore;
  replyKeys: ReplyKeyStore;
}): RequestBook {
  const { records, clock, teams, ownKeys, replyKeys } = deps;
  const load = (id: string) => readRecord(records, COLLECTIONS.requests, id, requestRecordSchema);
  const save = (record: RequestRecord) => writeRecord(records, COLLECTIONS.requests, record.id, record);
  const loadOrThrow = async (id: string): Promise<RequestRecord> => {
    const record = await load(id);
    if (!record) throw pgpError('pgp/unknown-request');
    return record;
  };

  /** Revocation time of each revoked team key, by team id. */
  async function revocations(): Promise<Map<string, string>> {
    const map = new Map<string, string>();
    for (const team of await teams.listTeams()) {
      if (team.revocation) map.set(team.teamId, team.revocation.revokedAt);
    }
    return map;
  }

  /** Decrypts with whichever of the user's keys opens it (see decryptWithFirst). */
  async function openMessage(armored: string, teamKeys: TeamKeyRef[], now: Date) {
    const message = await readArmoredMessage(armored);
    const recipients = new Set(recipientKeyIds(message));
    const candidates: Candidate[] = [
      ...(await ownKeys.allSecretKeys()).map((key) => ({ key, requestId: null, kind: 'own-key' as const })),
      ...(await replyKeys.all()).map((entry) => ({
        key: entry.key,
        requestId: entry.requestId,
        kind: 'one-time-key' as const,
      })),
    ];
    const named = candidates.filter((candidate) =>
      candidate.key.getKeyIDs().some((keyId) => recipients.has(keyId.toHex().toUpperCase())),
    );
    // A wildcard recipient (RFC 9580 §5.1, key id 0) names no key: every key is a candidate.
    const trial = recipients.has(WILDCARD_KEY_ID)
      ? [...named, ...candidates.filter((candidate) => !named.includes(candidate))]
      : named;
    if (trial.length === 0) throw pgpError('pgp/not-for-you');
    return decryptWithFirst(trial, new Set(named), async (candidate) =>
      decryptBytes({
        message: await readArmoredMessage(armored),
        decryptionKeys: [candidate.key],
        verificationKeys: teamKeys.map((ref) => ref.key),
        now,
      }),
    );
  }

  return {
    async composeRequest(rawDraft, label) {
      const draftResult = requestDraftSchema.safeParse(rawDraft);
      if (!draftResult.success) throw invalid(draftResult.error.issues);
      const draft = draftResult.data;
      const fieldsResult = requestFieldsSchema(draft.category).safeParse(draft.fields);
      if (!fieldsResult.success) throw invalid(fieldsResult.error.issues);
      const textResult = freeTextSchema.safeParse(draft.text);
      if (!textResult.success) throw invalid(textResult.error.issues, 'text');

      const now = clock();
      const { team, keys: teamKeys } = await teams.teamKeys(draft.teamId);
      if (!team.categories.includes(draft.category)) {
        throw pgpError('pgp/category-not-handled', { category: draft.category });
      }
      for (const key of teamKeys) await assertKeyUsable(key, now, 'team');

      const id = randomUUID();
      let encryptionKeys: PublicKey[];
      let senderKey: PublicKey;
      let replyKey: string;
      let signingKeys: Awaited<ReturnType<OwnKeyStore['signingKey']>>[] = [];
      let oneTime: { fingerprint: string; armoredSecret: string } | null = null;
      if (draft.anonymous) {
        // Anonymous: no signature, and not even the user's long-term key id among the recipients
        // (RFC 9580 §5.1 PKESK packets name their key). A fresh key lets the team answer and
        // the user reread.
        const generated = await generateLegacyCurve25519Key({ now });
        senderKey = generated.privateKey.toPublic();
        encryptionKeys = [...teamKeys, senderKey];
        replyKey = generated.armoredPublic;
        oneTime = { fingerprint: generated.fingerprint, armoredSecret: generated.armoredSecret };
      } else {
        const own = await ownKeys.signingKey();
        senderKey = own.toPublic();
        encryptionKeys = [...teamKeys, senderKey];
        signingKeys = [own];
        replyKey = own.toPublic().armor();
      }

      const payload: RequestPayload = {
        format: 'tikho-request',
        version: 1,
        category: draft.category,
        fields: fieldsResult.data,
        text: textResult.data,
        createdAt: now.toISOString(),
        replyKey,
      };
      const armored = await encryptBytes({
        data: buildRequestPlaintext(payload, label),
        encryptionKeys,
        signingKeys,
        now,
        armored: true,
        // The user's own (or one-time) key is never named in the ciphertext: its key id would tie
        // the request to the person. The team's key is named unless its card says the team's
        // software opens wildcard recipients: RNP (Thunderbird's engine, which many teams use)
        // refuses them before 0.17 and by default after, so naming no key by default would leave
        // a request nobody can read. docs/contact-card-format.md §hiddenRecipient.
        hiddenRecipients: team.hidesRecipient ? [...teamKeys, senderKey] : [senderKey],
      });
      // The one-time secret is written before the request, so no stored request ever lacks the
      // key its replies need.
      if (oneTime) await replyKeys.put(oneTime.fingerprint, oneTime.armoredSecret, id);
      const record: RequestRecord = {
        id,
        teamId: team.teamId,
        teamName: team.teamName,
        teamFingerprint: team.fingerprint,
        teamVerifiedAtSend: team.verification === 'verified',
        category: draft.category,
        anonymous: draft.anonymous,
        status: 'encrypted',
        createdAt: now.toISOString(),
        sentAt: null,
        armored,
        payload,
        replies: [],
      };
      await save(record);
      return toView(record);
    },

    async listRequests() {
      const views: SentRequestView[] = [];
      const revoked = await revocations();
      for (const id of await records.list(COLLECTIONS.requests)) {
        const record = await load(id);
        if (record) views.push(toView(record, revoked));
      }
      return views.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },

    async getRequest(id) {
      const record = await load(id);
      return record ? toView(record, await revocations()) : null;
    },

    async markSent(id) {
      const record = await loadOrThrow(id);
      if (record.status === 'encrypted') {
        record.status = 'sent';
        record.sentAt = clock().toISOString();
        await save(record);
      }
      return toView(record);
    },

    async removeRequest(id) {
      await replyKeys.removeForRequest(id);
      await records.remove(COLLECTIONS.requests, id);
    },

    async removeReply(requestId, replyId) {
      const record = await loadOrThrow(requestId);
      const replies = record.replies.filter((reply) => reply.id !== replyId);
      if (replies.length === record.replies.length) throw pgpError('pgp/unknown-reply');
      record.replies = replies;
      if (replies.length === 0 && record.status === 'answered') record.status = 'sent';
      await save(record);
      return toView(record);
    },

    async readReply(input, options = {}) {
      const armored = extractArmoredBlock(input, ['message'], MAX_ARMORED_MESSAGE_CHARS);
      // One's own request pasted back (it is a PGP MESSAGE too) is named, not decrypted or stored.
      const identity = armorIdentity(armored);
      for (const id of await records.list(COLLECTIONS.requests)) {
        const own = await load(id);
        if (own && armorIdentity(own.armored) === identity) throw pgpError('pgp/own-request-pasted');
      }
      const now = clock();
      const teamKeys = await teams.allTeamKeys();
      const { result, used } = await openMessage(armored, teamKeys, now);
      const signer = judgeSigner(result.signatures, teamKeys);
      if (signer.status === 'unsigned' && options.expectSigned) throw pgpError('pgp/missing-signature');

      const inferred = used.requestId;
      const requestId = options.requestId ?? inferred;
      const content = await readReplyContent(result.data);
      const reply: ReplyView & { armored: string } = {
        id: randomUUID(),
        receivedAt: now.toISOString(),
        text: content.text,
        attachments: content.attachments.map((part) => ({
          name: part.name,
          mediaType: part.mediaType,
          size: part.data.length,
        })),
        signer,
        decryptedWith: used.kind,
        armored,
      };
      if (requestId !== null) {
        const record = await loadOrThrow(requestId);
        const stored = record.replies.find((earlier) => armorIdentity(earlier.armored) === identity);
        if (stored) {
          const { armored: _kept, ...earlierView } = stored;
          void _kept;
          return { reply: earlierView, requestId, duplicate: true };
        }
        if (record.replies.length >= MAX_REPLIES_PER_REQUEST) throw pgpError('pgp/thread-full');
        record.replies.push(reply);
        record.status = 'answered';
        await save(record);
      }
      const { armored: _dropped, ...view } = reply;
      void _dropped;
      return { reply: view, requestId, duplicate: false };
    },

    async replyAttachment(requestId, replyId, index) {
      const record = await loadOrThrow(requestId);
      const reply = record.replies.find((candidate) => candidate.id === replyId);
      if (!reply) throw pgpError('pgp/unknown-request');
      // Attachments are not kept twice: the stored ciphertext is opened again. Signatures were
      // judged when the reply arrived; here only the bytes are wanted.
      const { result } = await openMessage(reply.armored, [], clock());
      const part = (await readReplyContent(result.data)).attachments[index];
      if (!part) throw pgpError('pgp/unknown-request');
      return part;
    },
  };
}

interface Candidate {
  key: Awaited<ReturnType<OwnKeyStore['allSecretKeys']>>[number];
  requestId: string | null;
  kind: 'own-key' | 'one-time-key';
}

/**
 * Tries the candidate keys one at a time, so the thread of a wildcard reply is the request
 * whose one-time key opened it. A wrong RSA key does not fail at the session key (openpgp
 * answers PKCS#1 failures with a random key, against oracle attacks) but at the integrity
 * check, so "corrupted" also means "try the next key"; it is reported only if none opens it.
 */
async function decryptWithFirst<T>(
  candidates: Candidate[],
  named: ReadonlySet<Candidate>,
  attempt: (candidate: Candidate) => Promise<T>,
): Promise<{ result: T; used: Candidate }> {
  let corrupted = false;
  for (const candidate of candidates) {
    try {
      return { result: await attempt(candidate), used: candidate };
    } catch (error) {
      const code = isTikhoError(error) ? error.code : null;
      // A key the message names that cannot unwrap its session key: the message was damaged.
      if (code === 'pgp/message-corrupted' || (code === 'pgp/not-for-you' && named.has(candidate)))
        corrupted = true;
      else if (code !== 'pgp/not-for-you') throw error;
    }
  }
  throw pgpError(corrupted ? 'pgp/message-corrupted' : 'pgp/not-for-you');
}

/**
 * Turns signature checks into what the user is told. Any signature that fails is fatal
 * (`pgp/bad-signature`): a forged "from your team" must never be shown as a message at all.
 */
function judgeSigner(checks: SignatureCheck[], teamKeys: TeamKeyRef[]): SignerView {
  if (checks.length === 0) {
    return {
      status: 'unsigned',
      fingerprint: null,
      fingerprintGroups: null,
      keyId: null,
      teamId: null,
      teamName: null,
    };
  }
  let best: SignerView | null = null;
  const rank = { verified: 3, 'known-unverified': 2, unknown: 1, unsigned: 0 } as const;
  for (const check of checks) {
    if (check.outcome === 'invalid') throw pgpError('pgp/bad-signature');
    if (check.outcome === 'key-revoked') throw pgpError('pgp/key-revoked', { whose: 'team' });
    if (check.outcome === 'key-expired') throw pgpError('pgp/key-expired', { whose: 'team' });
    // Intact but dated beyond the skew bound: the signer's clock is wrong, nobody forged it.
    if (check.outcome === 'future') throw pgpError('pgp/signed-in-future');
    let view: SignerView;
    const ref =
      check.outcome === 'valid'
        ? teamKeys.find((candidate) =>
            candidate.key.getKeyIDs().some((id) => id.toHex().toUpperCase() === check.keyId),
          )
        : undefined;
    if (ref?.revokedAt && (check.createdAt === null || check.createdAt > ref.revokedAt)) {
      // Signed after the team revoked the key: whoever holds it now is not the team's word.
      throw pgpError('pgp/team-revoked', { revokedAt: ref.revokedAt.toISOString() });
    }
    if (ref) {
      const fingerprint = normalizeFingerprint(ref.fingerprint);
      view = {
        status: ref.verified ? 'verified' : 'known-unverified',
        fingerprint,
        fingerprintGroups: fingerprintGroups(fingerprint),
        keyId: check.keyId,
        teamId: ref.teamId,
        teamName: ref.teamName,
        signedAt: check.createdAt?.toISOString() ?? null,
      };
    } else {
      view = {
        status: 'unknown',
        fingerprint: null,
        fingerprintGroups: null,
        keyId: check.keyId,
        teamId: null,
        teamName: null,
      };
    }
    if (!best || rank[view.status] > rank[best.status]) best = view;
  }
  return (
    best ?? {
      status: 'unsigned',
      fingerprint: null,
      fingerprintGroups: null,
      keyId: null,
      teamId: null,
      teamName: null,
    }
  );
}

function invalid(issues: readonly { path: readonly PropertyKey[] }[], prefix?: string): Error {
  const path = [prefix, ...(issues[0]?.path ?? []).map(String)].filter(Boolean).join('.');
  return pgpError('pgp/request-invalid', { field: path || '(root)' });
}

/**
 * Replies already read when a revocation arrives are marked if their signature is dated after
 * it (or carries no date we kept): from then on the key may have been someone else's.
 */
function signedAfterRevocation(
  signer: RequestRecord['replies'][number]['signer'],
  revoked: Map<string, string>,
) {
  const revokedAt = signer.teamId === null ? undefined : revoked.get(signer.teamId);
  if (revokedAt === undefined || signer.status === 'unsigned' || signer.status === 'unknown') return false;
  return !signer.signedAt || Date.parse(signer.signedAt) > Date.parse(revokedAt);
}

function toView(record: RequestRecord, revoked: Map<string, string> = new Map()): SentRequestView {
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
