import { createCleartextMessage, readCleartextMessage, sign, verify, type PublicKey } from 'openpgp';
import type { ChannelBundle } from '../../../shared/channel/bundleSchema';
import type { RequestCategory } from '../../../shared/contact/categories';
import {
  CARD_FORMAT,
  CARD_MAX_BYTES,
  cardBodySchema,
  type CardBody,
  type CardChannels,
  type ContactCardView,
} from '../../../shared/contact/card';
import { isTikhoError } from '../../../shared/errors';
import { extractArmoredBlock } from './armoredInput';
import { fingerprintGroups, normalizeFingerprint } from './fingerprint';
import { readArmoredPublicKey, readArmoredSecretKey } from './keyMaterial';
import { assertKeyUsable } from './keyValidity';
import { FUTURE_SIGNATURE, verificationDate } from './limits';
import { FULL_CONFIG, PGP_CONFIG } from './openpgpConfig';
import { assertNoSecretKeyPackets } from './packetScan';
import { pgpError } from './pgpError';

/**
 * Support contact cards: a JSON body (shared/contact/card.ts) inside an OpenPGP cleartext-signed
 * message (RFC 9580 §7) made by the team's primary key. `gpg --verify card.asc` checks it too,
 * and a team can make one with `gpg --clearsign`. Format: docs/contact-card-format.md.
 */

export interface CardFields {
  teamId: string;
  teamName: string;
  channels: CardChannels;
  categories: RequestCategory[];
  /** Present → the card is version 2. */
  channel?: ChannelBundle;
}

export interface VerifiedCard {
  view: ContactCardView;
  body: CardBody;
  /** The exact signed text, kept so the card can be re-shared as it was received. */
  signedText: string;
  /** Parsed keys, publicKeys[0] being the primary whose fingerprint the card declares. */
  keys: PublicKey[];
}

export async function createCard(
  teamSecretKeyArmored: string,
  fields: CardFields,
  options: { now?: Date; extraPublicKeys?: string[] } = {},
): Promise<string> {
  const now = options.now ?? new Date();
  const secret = await readArmoredSecretKey(teamSecretKeyArmored);
  const base = {
    format: CARD_FORMAT,
    teamId: fields.teamId,
    teamName: fields.teamName,
    fingerprint: normalizeFingerprint(secret.getFingerprint()),
    publicKeys: [secret.toPublic().armor(), ...(options.extraPublicKeys ?? [])],
    channels: fields.channels,
    categories: fields.categories,
    issuedAt: now.toISOString(),
  };
  const candidate = fields.channel
    ? { ...base, version: 2, channel: fields.channel }
    : { ...base, version: 1 };
  const parsed = cardBodySchema.safeParse(candidate);
  if (!parsed.success)
    throw pgpError('pgp/card-malformed', { reason: 'schema', path: firstIssuePath(parsed.error.issues) });
  const message = await createCleartextMessage({ text: JSON.stringify(parsed.data, null, 2) });
  return sign({ message, signingKeys: secret, date: now, config: PGP_CONFIG, format: 'armored' });
}

/**
 * Parses a card and checks, in this order: size, armor, JSON and schema, that the declared
 * fingerprint is publicKeys[0]'s, that this key is neither revoked nor expired, and that every
 * signature on the card is a valid signature by exactly this key. Any other key would let a
 * forger sign a card "for" a team with a key of their own.
 */
export async function parseAndVerifyCard(text: unknown, options: { now?: Date } = {}): Promise<VerifiedCard> {
  const now = options.now ?? new Date();
  let block: string;
  try {
    block = extractArmoredBlock(text, ['signed-message'], CARD_MAX_BYTES);
  } catch (error) {
    if (isTikhoError(error) && (error.code === 'pgp/input-too-large' || error.code === 'pgp/not-text'))
      throw error;
    throw pgpError('pgp/card-malformed', { reason: isTikhoError(error) ? error.code.slice(4) : 'armor' });
  }
  let message: Awaited<ReturnType<typeof readCleartextMessage>>;
  try {
    message = await readCleartextMessage({ cleartextMessage: block, config: PGP_CONFIG });
  } catch {
    throw pgpError('pgp/card-malformed', { reason: 'armor' });
  }
  // The signature armor is the one part of a card no schema sees: it must hold signatures only.
  const signatureArmor = block.slice(block.indexOf('-----BEGIN PGP SIGNATURE-----'));
  await assertNoSecretKeyPackets(signatureArmor);
  const signedText = message.getText();
  const body = parseBody(signedText);

  const keys: PublicKey[] = [];
  for (const armored of body.publicKeys) {
    try {
      keys.push(await readArmoredPublicKey(armored));
    } catch (error) {
      if (isTikhoError(error) && CARD_KEY_CODES_SHOWN.has(error.code)) throw error;
      throw pgpError('pgp/card-malformed', { reason: 'key' });
    }
  }
  const primary = keys[0];
  if (!primary) throw pgpError('pgp/card-malformed', { reason: 'key' });
  if (normalizeFingerprint(primary.getFingerprint()) !== body.fingerprint) {
    throw pgpError('pgp/card-fingerprint-mismatch');
  }
  await assertKeyUsable(primary, now, 'team');
  // Said at import, not first at compose: a card whose every encryption subkey is revoked or
  // expired cannot be written to. With one valid subkey left, openpgp encrypts to that one.
  try {
    await primary.getEncryptionKey(undefined, now, undefined, FULL_CONFIG);
  } catch {
    throw pgpError('pgp/key-revoked', { whose: 'team', part: 'encryption-subkey' });
  }

  const signerIds = message.getSigningKeyIDs();
  if (signerIds.length === 0) throw pgpError('pgp/card-bad-signature');
  if (!signerIds.every((id) => primary.getKeys(id).length > 0)) throw pgpError('pgp/card-bad-signature');
  try {
    const result = await verify({
      message,
      verificationKeys: primary,
      expectSigned: true,
      date: verificationDate(now),
      config: PGP_CONFIG,
    });
    for (const signature of result.signatures) await signature.verified;
  } catch (error) {
    // Intact, but dated beyond the skew bound: the team's clock is wrong, nobody forged it.
    if (error instanceof Error && FUTURE_SIGNATURE.test(error.message))
      throw pgpError('pgp/card-signed-in-future');
    throw pgpError('pgp/card-bad-signature');
  }

  return { view: toView(body), body, signedText: block, keys };
}

/**
 * The armored primary key a card declares, without verifying the card: only for a card that
 * failed as revoked, whose key-revocation signature is then checked against the stored key.
 * Returns null when the card cannot be read that far.
 */
export async function cardPrimaryKey(text: unknown): Promise<string | null> {
  try {
    const block = extractArmoredBlock(text, ['signed-message'], CARD_MAX_BYTES);
    const message = await readCleartextMessage({ cleartextMessage: block, config: PGP_CONFIG });
    return parseBody(message.getText()).publicKeys[0] ?? null;
  } catch {
    return null;
  }
}

/** Key errors that say more than "malformed" and are shown as they are. */
const CARD_KEY_CODES_SHOWN = new Set<string>([
  'pgp/secret-key-in-public-block',
  'pgp/unsupported-key-version',
]);

function parseBody(signedText: string): CardBody {
  let json: unknown;
  try {
    json = JSON.parse(signedText);
  } catch {
    throw pgpError('pgp/card-malformed', { reason: 'json' });
  }
  if (typeof json !== 'object' || json === null || (json as { format?: unknown }).format !== CARD_FORMAT) {
    throw pgpError('pgp/card-malformed', { reason: 'format' });
  }
  const version = (json as { version?: unknown }).version;
  if (version !== 1 && version !== 2) {
    throw pgpError('pgp/card-unsupported-version', {
      version: typeof version === 'number' ? version : String(version),
    });
  }
  const parsed = cardBodySchema.safeParse(json);
  if (!parsed.success) {
    throw pgpError('pgp/card-malformed', { reason: 'schema', path: firstIssuePath(parsed.error.issues) });
  }
  return parsed.data;
}

export function toView(body: CardBody): ContactCardView {
  return {
    version: body.version,
    teamId: body.teamId,
    teamName: body.teamName,
    fingerprint: body.fingerprint,
    fingerprintGroups: fingerprintGroups(body.fingerprint),
    channels: body.channels,
    categories: body.categories,
    issuedAt: body.issuedAt,
    publicKeyCount: body.publicKeys.length,
    channelBundle: body.version === 2 ? (body.channel ?? null) : null,
    hidesRecipient: body.version === 2 && (body.hiddenRecipient === true || body.channel !== undefined),
  };
}

function firstIssuePath(issues: readonly { path: readonly PropertyKey[] }[]): string {
  return (issues[0]?.path ?? []).map(String).join('.') || '(root)';
}
