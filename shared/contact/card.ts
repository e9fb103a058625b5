import { z } from 'zod';
import { channelBundleSchema, type ChannelBundle } from '../channel/bundleSchema';
import { REQUEST_CATEGORIES, type RequestCategory } from './categories';

/**
 * The JSON body of a support contact card (docs/contact-card-format.md). The body travels inside
 * an OpenPGP cleartext-signed message (RFC 9580 §7) made by the team's primary key, so GnuPG can
 * check it too. Version 2 adds the optional libsignal pre-key bundle of the support desk.
 */
export const CARD_FORMAT = 'tikho-contact-card';
/** Cards are small; anything bigger is refused before parsing. */
export const CARD_MAX_BYTES = 256 * 1024;
export const CARD_MAX_PUBLIC_KEYS = 4;

export const fingerprintSchema = z
  .string()
  .regex(/^[0-9A-F]{40}$/, 'v4 fingerprint, 40 upper-case hex digits');

export const teamIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{2,63}$/);

/** Telegram bot usernames are 5..32 characters and must end in "bot" (Telegram Bot API docs). */
const telegramBotSchema = z.string().regex(/^@?[A-Za-z][A-Za-z0-9_]{1,28}[Bb][Oo][Tt]$/);
/** Signal usernames: a nickname of 3..32 characters, a dot, and a 2..9 digit discriminator. */
const signalUsernameSchema = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{2,31}\.[0-9]{2,9}$/);
/** Only https: a card never makes the app open a plain-http or javascript: link. */
const websiteSchema = z
  .string()
  .max(200)
  .refine((v) => {
    try {
      const url = new URL(v);
      return url.protocol === 'https:' && url.username === '' && url.password === '';
    } catch {
      return false;
    }
  }, 'https URL');

export const cardChannelsSchema = z
  .object({
    email: z.email().max(254).optional(),
    telegramBot: telegramBotSchema.optional(),
    signalUsername: signalUsernameSchema.optional(),
    website: websiteSchema.optional(),
  })
  .strict();
export type CardChannels = z.infer<typeof cardChannelsSchema>;

const armoredPublicKeySchema = z
  .string()
  .max(64 * 1024)
  .startsWith('-----BEGIN PGP PUBLIC KEY BLOCK-----');

const categoriesSchema = z
  .array(z.enum(REQUEST_CATEGORIES))
  .min(1)
  .max(REQUEST_CATEGORIES.length)
  .refine((list) => new Set(list).size === list.length, 'unique categories');

const cardV1Shape = {
  format: z.literal(CARD_FORMAT),
  teamId: teamIdSchema,
  teamName: z.string().trim().min(1).max(120),
  /** Primary fingerprint of publicKeys[0]; the card must be signed by that key. */
  fingerprint: fingerprintSchema,
  publicKeys: z.array(armoredPublicKeySchema).min(1).max(CARD_MAX_PUBLIC_KEYS),
  /**
   * The ways to reach the team (email, Telegram bot, Signal username, website). The name is the
   * signed card's wire name, so it stays; it is not the secure channel, which is `channelBundle`.
   */
  channels: cardChannelsSchema,
  categories: categoriesSchema,
  issuedAt: z.iso.datetime(),
};

export const cardV1Schema = z.object({ ...cardV1Shape, version: z.literal(1) }).strict();
export const cardV2Schema = z
  .object({
    ...cardV1Shape,
    version: z.literal(2),
    channel: channelBundleSchema.optional(),
    /**
     * The team's software opens requests whose recipient key id is a wildcard (GnuPG, Sequoia,
     * RNP ≥ 0.17 with hidden recipients allowed): requests then name no key at all.
     */
    hiddenRecipient: z.boolean().optional(),
  })
  .strict();
export const cardBodySchema = z.discriminatedUnion('version', [cardV1Schema, cardV2Schema]);
export type CardBody = z.infer<typeof cardBodySchema>;

/** What the UI shows of a verified card. */
export interface ContactCardView {
  version: 1 | 2;
  teamId: string;
  teamName: string;
  fingerprint: string;
  /** The fingerprint as ten groups of four hex digits, for comparing aloud or on paper. */
  fingerprintGroups: string[];
  channels: CardChannels;
  categories: RequestCategory[];
  issuedAt: string;
  publicKeyCount: number;
  channelBundle: ChannelBundle | null;
  /**
   * Requests to this team name no recipient key (wildcard key ids): the card said its software
   * opens them, or it is a Tikho support desk (which always does).
   */
  hidesRecipient: boolean;
}

/** A team as kept by the user: the card plus what the user has confirmed. */
export type TeamVerification = 'verified' | 'unverified';
export interface TeamView extends ContactCardView {
  verification: TeamVerification;
  verifiedAt: string | null;
  importedAt: string;
  /** A card with a different key arrived for this team and waits for an explicit decision. */
  pendingKeyChange: { fingerprint: string; fingerprintGroups: string[]; seenAt: string } | null;
  /** The team's key was revoked by its owner: nothing more can be sent to it. */
  revocation: { revokedAt: string; reason: 'compromised' | 'superseded' | 'retired' | 'unspecified' } | null;
}

export type ImportCardResult =
  | { kind: 'new'; team: TeamView }
  | { kind: 'updated'; team: TeamView }
  | { kind: 'unchanged'; team: TeamView }
  /** A revocation of this team's key; newlyRevoked false when it was already known. */
  | { kind: 'revoked'; team: TeamView; newlyRevoked: boolean }
  | {
      kind: 'key-changed';
      team: TeamView;
      previousFingerprint: string;
      newFingerprint: string;
      newFingerprintGroups: string[];
    };
