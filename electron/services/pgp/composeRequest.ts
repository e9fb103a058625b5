import { randomUUID } from 'node:crypto';
import type { PrivateKey, PublicKey } from 'openpgp';
import type { TeamView } from '../../../shared/contact/card';
import { freeTextSchema, requestDraftSchema, requestFieldsSchema } from '../../../shared/contact/forms';
import type { RequestPayload, SentRequestView } from '../../../shared/contact/request';
import { generateLegacyCurve25519Key } from './keyMaterial';
import { assertKeyUsable } from './keyValidity';
import { encryptBytes } from './messageCrypto';
import { pgpError } from './pgpError';
import type { RequestBookContext } from './requestBookContext';
import type { RequestRecord } from './requestRecord';
import { buildRequestPlaintext, type LabelFn } from './requestText';
import { toView } from './requestView';

/** Builds, encrypts and stores a request from the person's draft (shape checked here, not trusted). */
export async function composeRequest(
  ctx: RequestBookContext,
  rawDraft: unknown,
  label: LabelFn,
): Promise<SentRequestView> {
  const draft = parseDraft(rawDraft);
  const now = ctx.clock();
  const { team, keys: teamKeys } = await ctx.teams.teamKeys(draft.teamId);
  if (!team.categories.includes(draft.category)) {
    throw pgpError('pgp/category-not-handled', { category: draft.category });
  }
  for (const key of teamKeys) await assertKeyUsable(key, now, 'team');

  const id = randomUUID();
  const sender = await senderKeys(ctx, draft.anonymous, now);
  const payload: RequestPayload = {
    format: 'tikho-request',
    version: 1,
    category: draft.category,
    fields: draft.fields,
    text: draft.text,
    createdAt: now.toISOString(),
    replyKey: sender.replyKey,
  };
  const armored = await encryptBytes({
    data: buildRequestPlaintext(payload, label),
    encryptionKeys: [...teamKeys, sender.publicKey],
    signingKeys: sender.signingKeys,
    now,
    armored: true,
    // The user's own (or one-time) key is never named in the ciphertext: its key id would tie
    // the request to the person. The team's key is named unless its card says the team's
    // software opens wildcard recipients: RNP (Thunderbird's engine, which many teams use)
    // refuses them before 0.17 and by default after, so naming no key by default would leave
    // a request nobody can read. docs/contact-card-format.md §hiddenRecipient.
    hiddenRecipients: team.hidesRecipient ? [...teamKeys, sender.publicKey] : [sender.publicKey],
  });
  // The one-time secret is written before the request, so no stored request ever lacks the
  // key its replies need.
  if (sender.oneTime) await ctx.replyKeys.put(sender.oneTime.fingerprint, sender.oneTime.armoredSecret, id);
  const record = newRecord({ id, team, anonymous: draft.anonymous, now, armored, payload });
  await ctx.requests.write(record.id, record);
  return toView(record);
}

/** The draft, its category's fields and the free text, each checked by its own schema. */
function parseDraft(rawDraft: unknown) {
  const draftResult = requestDraftSchema.safeParse(rawDraft);
  if (!draftResult.success) throw invalid(draftResult.error.issues);
  const draft = draftResult.data;
  const fieldsResult = requestFieldsSchema(draft.category).safeParse(draft.fields);
  if (!fieldsResult.success) throw invalid(fieldsResult.error.issues);
  const textResult = freeTextSchema.safeParse(draft.text);
  if (!textResult.success) throw invalid(textResult.error.issues, 'text');
  return { ...draft, fields: fieldsResult.data, text: textResult.data };
}

interface SenderKeys {
  /** The key the team answers to; it is also a recipient so the person can reread the request. */
  publicKey: PublicKey;
  /** Its armor, carried inside the ciphertext for the team's reply. */
  replyKey: string;
  signingKeys: PrivateKey[];
  /** A fresh key pair of an anonymous request, whose secret the vault keeps for the replies. */
  oneTime: { fingerprint: string; armoredSecret: string } | null;
}

async function senderKeys(ctx: RequestBookContext, anonymous: boolean, now: Date): Promise<SenderKeys> {
  if (anonymous) {
    // Anonymous: no signature, and not even the user's long-term key id among the recipients
    // (RFC 9580 §5.1 PKESK packets name their key). A fresh key lets the team answer and
    // the user reread.
    const generated = await generateLegacyCurve25519Key({ now });
    return {
      publicKey: generated.privateKey.toPublic(),
      replyKey: generated.armoredPublic,
      signingKeys: [],
      oneTime: { fingerprint: generated.fingerprint, armoredSecret: generated.armoredSecret },
    };
  }
  const own = await ctx.ownKeys.signingKey();
  return { publicKey: own.toPublic(), replyKey: own.toPublic().armor(), signingKeys: [own], oneTime: null };
}

function newRecord(parts: {
  id: string;
  team: TeamView;
  anonymous: boolean;
  now: Date;
  armored: string;
  payload: RequestPayload;
}): RequestRecord {
  return {
    id: parts.id,
    teamId: parts.team.teamId,
    teamName: parts.team.teamName,
    teamFingerprint: parts.team.fingerprint,
    teamVerifiedAtSend: parts.team.verification === 'verified',
    category: parts.payload.category,
    anonymous: parts.anonymous,
    status: 'encrypted',
    createdAt: parts.now.toISOString(),
    sentAt: null,
    armored: parts.armored,
    payload: parts.payload,
    replies: [],
  };
}

function invalid(issues: readonly { path: readonly PropertyKey[] }[], prefix?: string): Error {
  const path = [prefix, ...(issues[0]?.path ?? []).map(String)].filter(Boolean).join('.');
  return pgpError('pgp/request-invalid', { field: path || '(root)' });
}
