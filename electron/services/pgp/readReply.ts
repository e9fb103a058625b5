import { randomUUID } from 'node:crypto';
import type { ReplyView } from '../../../shared/contact/request';
import { armorIdentity } from './armorIdentity';
import { extractArmoredBlock } from './armoredInput';
import { MAX_ARMORED_MESSAGE_CHARS, MAX_REPLIES_PER_REQUEST } from './limits';
import { readReplyContent, type ReplyAttachment } from './mimeReply';
import { pgpError } from './pgpError';
import { openMessage } from './replyDecryption';
import { judgeSigner } from './replySigner';
import type { RequestBookContext } from './requestBookContext';
import type { StoredReply } from './requestRecord';

export interface ReadReplyResult {
  reply: ReplyView;
  /** The request whose thread now holds the reply; null when none could be told. */
  requestId: string | null;
  /** The same reply was already in that thread: it was not stored a second time. */
  duplicate: boolean;
}

export interface ReadReplyOptions {
  /** The thread the person pasted into; without it, the request whose one-time key opened it. */
  requestId?: string;
  /** Refuse an unsigned reply (`pgp/missing-signature`). */
  expectSigned?: boolean;
}

/** Opens a pasted reply, judges its signer and files it into its request's thread. */
export async function readReply(
  ctx: RequestBookContext,
  input: unknown,
  options: ReadReplyOptions = {},
): Promise<ReadReplyResult> {
  const armored = extractArmoredBlock(input, ['message'], MAX_ARMORED_MESSAGE_CHARS);
  const identity = armorIdentity(armored);
  await refuseOwnRequest(ctx, identity);
  const now = ctx.clock();
  const teamKeys = await ctx.teams.allTeamKeys();
  const { result, used } = await openMessage(ctx, armored, teamKeys, now);
  const signer = judgeSigner(result.signatures, teamKeys);
  if (signer.status === 'unsigned' && options.expectSigned) throw pgpError('pgp/missing-signature');

  const requestId = options.requestId ?? used.requestId;
  const content = await readReplyContent(result.data);
  const reply: StoredReply = {
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
  if (requestId === null) return { reply: withoutArmor(reply), requestId, duplicate: false };
  const record = await ctx.requests.readOrThrow(requestId);
  const stored = record.replies.find((earlier) => armorIdentity(earlier.armored) === identity);
  if (stored) return { reply: withoutArmor(stored), requestId, duplicate: true };
  if (record.replies.length >= MAX_REPLIES_PER_REQUEST) throw pgpError('pgp/thread-full');
  record.replies.push(reply);
  record.status = 'answered';
  await ctx.requests.write(record.id, record);
  return { reply: withoutArmor(reply), requestId, duplicate: false };
}

/** One's own request pasted back (it is a PGP MESSAGE too) is named, not decrypted or stored. */
async function refuseOwnRequest(ctx: RequestBookContext, identity: string): Promise<void> {
  for (const id of await ctx.requests.ids()) {
    const own = await ctx.requests.read(id);
    if (own && armorIdentity(own.armored) === identity) throw pgpError('pgp/own-request-pasted');
  }
}

function withoutArmor({ armored: _armored, ...view }: StoredReply): ReplyView {
  void _armored;
  return view;
}

/** A file attached to a PGP/MIME reply, for saving outside the vault. */
export async function replyAttachment(
  ctx: RequestBookContext,
  requestId: string,
  replyId: string,
  index: number,
): Promise<ReplyAttachment> {
  const record = await ctx.requests.readOrThrow(requestId);
  const reply = record.replies.find((candidate) => candidate.id === replyId);
  if (!reply) throw pgpError('pgp/unknown-request');
  // Attachments are not kept twice: the stored ciphertext is opened again. Signatures were
  // judged when the reply arrived; here only the bytes are wanted.
  const { result } = await openMessage(ctx, reply.armored, [], ctx.clock());
  const part = (await readReplyContent(result.data)).attachments[index];
  if (!part) throw pgpError('pgp/unknown-request');
  return part;
}
