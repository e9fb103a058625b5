import { createHash, randomUUID } from 'node:crypto';
import type { InboxEntry, InboxPerson } from '../../../shared/channel/deskTypes';
import { TikhoError, isTikhoError } from '../../../shared/errors';
import {
  MAX_ARMORED_MESSAGE_CHARS,
  decryptBytes,
  encryptBytes,
  extractArmoredBlock,
  mayBeFor,
  normalizeFingerprint,
  parseRequestPlaintext,
  readArmoredMessage,
  readArmoredPublicKey,
  readArmoredSecretKey,
} from '../pgp';
import {
  DESK_COLLECTIONS,
  MAX_INBOX_ENTRIES,
  deskError,
  loadPerson,
  requireTeam,
  savePerson,
  summarize,
  type DeskContext,
  type PersonRecord,
} from './deskRecords';

/** The desk's PGP inbox: requests in, one thread per reply key, replies out. */

type RequestPayload = ReturnType<typeof parseRequestPlaintext>;

interface OpenedRequest {
  payload: RequestPayload;
  /** The reply key's armored text, exactly as the request carried it. */
  replyKey: string;
  personId: string;
  /** SHA-256 of the plaintext: how a second paste of the same request is recognised. */
  digest: string;
  signature: 'signed' | 'unsigned';
  now: Date;
}

async function decryptRequest(
  ctx: DeskContext,
  armoredSecret: string,
  input: string,
): Promise<OpenedRequest> {
  const armored = extractArmoredBlock(input, ['message'], MAX_ARMORED_MESSAGE_CHARS);
  const message = await readArmoredMessage(armored);
  const teamKey = await readArmoredSecretKey(armoredSecret);
  // Requests name their recipients as wildcards (docs/contact-card-format.md): then only decrypting tells.
  if (!mayBeFor(message, teamKey)) throw deskError('desk/request-not-for-desk');
  const now = ctx.clock();
  // First pass without verification keys: the signer's key is inside the payload.
  const decrypted = await decryptBytes({
    message,
    decryptionKeys: [teamKey],
    verificationKeys: [],
    now,
  }).catch((error: unknown) => {
    throw (error as { code?: unknown }).code === 'pgp/not-for-you'
      ? deskError('desk/request-not-for-desk')
      : error;
  });
  const payload = parseRequestPlaintext(decrypted.data);
  if (!payload.replyKey) throw deskError('desk/no-reply-key');
  const replyKey = await readArmoredPublicKey(payload.replyKey);
  const personId = normalizeFingerprint(replyKey.getFingerprint());
  const digest = createHash('sha256').update(decrypted.data).digest('hex');

  let signature: 'signed' | 'unsigned' = 'unsigned';
  if (decrypted.signatures.length > 0) {
    // Signed requests: the signature must be by the reply key (the person's own key). A
    // signature that fails or is by someone else is refused, never shown as the person's.
    const checked = await decryptBytes({
      message: await readArmoredMessage(armored),
      decryptionKeys: [teamKey],
      verificationKeys: [replyKey],
      now,
    });
    if (!checked.signatures.every((s) => s.outcome === 'valid')) {
      throw new TikhoError('pgp/bad-signature');
    }
    signature = 'signed';
  }
  return { payload, replyKey: payload.replyKey, personId, digest, signature, now };
}

export async function openRequest(
  ctx: DeskContext,
  input: string,
): Promise<{ person: InboxPerson; newPerson: boolean; entry: InboxEntry }> {
  const team = await requireTeam(ctx);
  const { payload, replyKey, personId, digest, signature, now } = await decryptRequest(
    ctx,
    team.armoredSecret,
    input,
  );
  const existing = await loadPerson(ctx, personId);
  if (existing?.seen.includes(digest)) throw deskError('desk/request-duplicate');
  if (existing && existing.entries.length >= MAX_INBOX_ENTRIES) throw new TikhoError('pgp/thread-full');
  const entry: InboxEntry = {
    id: randomUUID(),
    direction: 'in',
    at: now.toISOString(),
    category: payload.category,
    fields: payload.fields,
    text: payload.text,
    signature,
  };
  const person: PersonRecord = existing
    ? {
        ...existing,
        lastAt: entry.at,
        entries: [...existing.entries, entry],
        seen: [...existing.seen, digest],
      }
    : {
        version: 1,
        personId,
        replyKey,
        anonymous: signature === 'unsigned',
        firstAt: entry.at,
        lastAt: entry.at,
        entries: [entry],
        seen: [digest],
      };
  await savePerson(ctx, personId, person);
  return { person: summarize(person), newPerson: existing === null, entry };
}

export async function listInbox(ctx: DeskContext): Promise<InboxPerson[]> {
  const people: InboxPerson[] = [];
  for (const id of await ctx.records.list(DESK_COLLECTIONS.inbox)) {
    const person = await loadPerson(ctx, id);
    if (person) people.push(summarize(person));
  }
  return people.sort((a, b) => b.lastAt.localeCompare(a.lastAt));
}

export async function openPerson(
  ctx: DeskContext,
  personId: string,
): Promise<{ person: InboxPerson; entries: InboxEntry[] }> {
  const person = await loadPerson(ctx, personId);
  if (!person) throw deskError('desk/unknown-person');
  return { person: summarize(person), entries: person.entries };
}

export async function reply(
  ctx: DeskContext,
  personId: string,
  text: string,
): Promise<{ armored: string; entry: InboxEntry }> {
  const team = await requireTeam(ctx);
  const person = await loadPerson(ctx, personId);
  if (!person) throw deskError('desk/unknown-person');
  if (person.entries.length >= MAX_INBOX_ENTRIES) throw new TikhoError('pgp/thread-full');
  const now = ctx.clock();
  const teamKey = await readArmoredSecretKey(team.armoredSecret);
  const replyKey = await readArmoredPublicKey(person.replyKey);
  let armored: string;
  try {
    armored = await encryptBytes({
      data: new TextEncoder().encode(text),
      encryptionKeys: [replyKey],
      signingKeys: [teamKey],
      now,
      armored: true,
    });
  } catch (error) {
    throw isTikhoError(error) ? error : new TikhoError('pgp/malformed-key');
  }
  const entry: InboxEntry = {
    id: randomUUID(),
    direction: 'out',
    at: now.toISOString(),
    category: null,
    fields: {},
    text,
    signature: null,
  };
  await savePerson(ctx, personId, { ...person, lastAt: entry.at, entries: [...person.entries, entry] });
  return { armored, entry };
}
