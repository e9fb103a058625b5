import { createHash, randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { ChannelBundle } from '../../../shared/channel/bundleSchema';
import type {
  DeskCard,
  DeskDetails,
  DeskErrorCode,
  DeskStatus,
  InboxEntry,
  InboxPerson,
} from '../../../shared/channel/deskTypes';
import { deskDetailsSchema, inboxEntrySchema } from '../../../shared/channel/deskTypes';
import { TikhoError, isTikhoError } from '../../../shared/errors';
import { extractArmoredBlock } from '../pgp';
import { createCard } from '../pgp';
import { fingerprintGroups, normalizeFingerprint } from '../pgp';
import { generateLegacyCurve25519Key, readArmoredPublicKey, readArmoredSecretKey } from '../pgp';
import { MAX_ARMORED_MESSAGE_CHARS } from '../pgp';
import { decryptBytes, encryptBytes, mayBeFor, readArmoredMessage } from '../pgp';
import { parseRequestPlaintext } from '../pgp';
import { signTextAsTeam } from '../pgp';
import type { EncryptedRecordStore } from '../vault';

/**
 * The support desk's own side: the team's OpenPGP key (kept in the vault, never exported), the
 * signed contact card it publishes with the libsignal pre-key bundle inside, and the PGP inbox
 * for requests made with the contact-support feature — so a team can work without GnuPG.
 */

export const DESK_COLLECTIONS = {
  /** 'team': key, details, last card. */
  team: 'desk-team',
  /** One record per person, id = reply-key fingerprint. */
  inbox: 'desk-inbox',
} as const;
const TEAM_ID = 'team';
/** A thread beyond this many entries refuses new ones rather than silently dropping old ones. */
export const MAX_INBOX_ENTRIES = 500;

const cardRecordSchema = z
  .object({ text: z.string(), issuedAt: z.string(), bundleIssuedAt: z.string(), bundleExpiresAt: z.string() })
  .strict();
const teamRecordSchema = z
  .object({
    version: z.literal(1),
    details: deskDetailsSchema,
    armoredSecret: z.string(),
    fingerprint: z.string(),
    createdAt: z.string(),
    card: cardRecordSchema.nullable(),
  })
  .strict();
type TeamRecord = z.infer<typeof teamRecordSchema>;

const personRecordSchema = z
  .object({
    version: z.literal(1),
    personId: z.string(),
    replyKey: z.string(),
    anonymous: z.boolean(),
    firstAt: z.string(),
    lastAt: z.string(),
    entries: z.array(inboxEntrySchema),
    /** SHA-256 of each request already opened, so a second paste is recognised, not doubled. */
    seen: z.array(z.string()),
  })
  .strict();
type PersonRecord = z.infer<typeof personRecordSchema>;

export interface DeskService {
  status(): Promise<DeskStatus>;
  /** First run: generate (or import) the team key and store the details. Later: edit the details; the key stays. */
  saveDetails(
    details: DeskDetails,
    importKey?: { armoredSecret: string; passphrase?: string },
  ): Promise<DeskStatus>;
  /** Signs a new card with the current pre-key bundle. */
  publishCard(): Promise<DeskCard>;
  /** Re-issues the card when the bundle rotated since it was signed (call on unlock and daily). */
  refreshCard(): Promise<{ reissued: boolean }>;
  openRequest(armored: string): Promise<{ person: InboxPerson; newPerson: boolean; entry: InboxEntry }>;
  listInbox(): Promise<InboxPerson[]>;
  openPerson(personId: string): Promise<{ person: InboxPerson; entries: InboxEntry[] }>;
  /** Encrypts a reply to the person's reply key, signed by the team key; returns the armored text. */
  reply(personId: string, text: string): Promise<{ armored: string; entry: InboxEntry }>;
  /** Cleartext-signs a document the team publishes (a checklist update) with the team key. */
  signText(text: string): Promise<string>;
}

export interface DeskServiceOptions {
  records: EncryptedRecordStore;
  /** The desk's channel service: the bundle to publish (it rotates pre-keys first if due). */
  exportBundle: () => Promise<ChannelBundle>;
  clock?: () => Date;
}

export function deskError(code: DeskErrorCode, params: Record<string, string | number> = {}): TikhoError {
  return new TikhoError(code, params);
}

export function createDeskService(options: DeskServiceOptions): DeskService {
  const { records, exportBundle } = options;
  const clock = options.clock ?? (() => new Date());

  const readJson = async <T>(collection: string, id: string, schema: z.ZodType<T>): Promise<T | null> => {
    const bytes = await records.read(collection, id);
    if (bytes === null) return null;
    try {
      const parsed = schema.safeParse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)));
      if (parsed.success) return parsed.data;
    } catch {
      // falls through to the corrupt-record error below
    }
    throw deskError('desk/record-corrupt', { collection });
  };
  const writeJson = (collection: string, id: string, value: unknown): Promise<void> =>
    records.write(collection, id, new TextEncoder().encode(JSON.stringify(value)));

  const loadTeam = (): Promise<TeamRecord | null> =>
    readJson(DESK_COLLECTIONS.team, TEAM_ID, teamRecordSchema);
  const requireTeam = async (): Promise<TeamRecord> => {
    const team = await loadTeam();
    if (!team) throw deskError('desk/not-set-up');
    return team;
  };
  const loadPerson = (personId: string): Promise<PersonRecord | null> =>
    readJson(DESK_COLLECTIONS.inbox, personId, personRecordSchema);

  const statusOf = (team: TeamRecord | null): DeskStatus => ({
    setUp: team !== null,
    details: team?.details ?? null,
    fingerprintGroups: team ? fingerprintGroups(team.fingerprint) : null,
    card: team?.card
      ? { text: team.card.text, issuedAt: team.card.issuedAt, bundleExpiresAt: team.card.bundleExpiresAt }
      : null,
  });

  async function signCard(team: TeamRecord): Promise<TeamRecord> {
    const bundle = await exportBundle();
    const now = clock();
    const text = await createCard(team.armoredSecret, { ...team.details, channel: bundle }, { now });
    const next: TeamRecord = {
      ...team,
      card: {
        text,
        issuedAt: now.toISOString(),
        bundleIssuedAt: bundle.issuedAt,
        bundleExpiresAt: bundle.expiresAt,
      },
    };
    await writeJson(DESK_COLLECTIONS.team, TEAM_ID, next);
    return next;
  }

  return {
    async status() {
      return statusOf(await loadTeam());
    },

    async saveDetails(rawDetails, importKey) {
      const details = deskDetailsSchema.parse(rawDetails);
      const existing = await loadTeam();
      if (existing) {
        // Same key, new details: the published card is out of date until it is signed again.
        const next: TeamRecord = { ...existing, details, card: null };
        await writeJson(DESK_COLLECTIONS.team, TEAM_ID, next);
        return statusOf(next);
      }
      const now = clock();
      let armoredSecret: string;
      let fingerprint: string;
      if (importKey) {
        const key = await readArmoredSecretKey(importKey.armoredSecret, importKey.passphrase);
        armoredSecret = key.armor();
        fingerprint = normalizeFingerprint(key.getFingerprint());
      } else {
        const generated = await generateLegacyCurve25519Key({ name: details.teamName, now });
        armoredSecret = generated.armoredSecret;
        fingerprint = generated.fingerprint;
      }
      const team: TeamRecord = {
        version: 1,
        details,
        armoredSecret,
        fingerprint,
        createdAt: now.toISOString(),
        card: null,
      };
      await writeJson(DESK_COLLECTIONS.team, TEAM_ID, team);
      return statusOf(team);
    },

    async publishCard() {
      const signed = await signCard(await requireTeam());
      const card = statusOf(signed).card;
      if (!card) throw deskError('desk/no-card');
      return card;
    },

    async refreshCard() {
      const team = await loadTeam();
      // Nothing was published yet: there is no card to keep current.
      if (!team?.card) return { reissued: false };
      const bundle = await exportBundle();
      if (bundle.issuedAt === team.card.bundleIssuedAt) return { reissued: false };
      await signCard(team);
      return { reissued: true };
    },

    async openRequest(input) {
      const team = await requireTeam();
      const armored = extractArmoredBlock(input, ['message'], MAX_ARMORED_MESSAGE_CHARS);
      const message = await readArmoredMessage(armored);
      const teamKey = await readArmoredSecretKey(team.armoredSecret);
      // Requests name their recipients as wildcards (issue 11 §7): then only decrypting tells.
      if (!mayBeFor(message, teamKey)) throw deskError('desk/request-not-for-desk');
      const now = clock();
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

      const existing = await loadPerson(personId);
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
            replyKey: payload.replyKey,
            anonymous: signature === 'unsigned',
            firstAt: entry.at,
            lastAt: entry.at,
            entries: [entry],
            seen: [digest],
          };
      await writeJson(DESK_COLLECTIONS.inbox, personId, person);
      return { person: summarize(person), newPerson: existing === null, entry };
    },

    async listInbox() {
      const people: InboxPerson[] = [];
      for (const id of await records.list(DESK_COLLECTIONS.inbox)) {
        const person = await loadPerson(id);
        if (person) people.push(summarize(person));
      }
      return people.sort((a, b) => b.lastAt.localeCompare(a.lastAt));
    },

    async openPerson(personId) {
      const person = await loadPerson(personId);
      if (!person) throw deskError('desk/unknown-person');
      return { person: summarize(person), entries: person.entries };
    },

    async reply(personId, text) {
      const team = await requireTeam();
      const person = await loadPerson(personId);
      if (!person) throw deskError('desk/unknown-person');
      if (person.entries.length >= MAX_INBOX_ENTRIES) throw new TikhoError('pgp/thread-full');
      const now = clock();
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
      await writeJson(DESK_COLLECTIONS.inbox, personId, {
        ...person,
        lastAt: entry.at,
        entries: [...person.entries, entry],
      } satisfies PersonRecord);
      return { armored, entry };
    },

    async signText(text) {
      const team = await requireTeam();
      return signTextAsTeam(team.armoredSecret, text, clock());
    },
  };
}

function summarize(person: PersonRecord): InboxPerson {
  const lastIn = [...person.entries].reverse().find((entry) => entry.direction === 'in');
  return {
    personId: person.personId,
    fingerprintGroups: fingerprintGroups(person.personId),
    anonymous: person.anonymous,
    firstAt: person.firstAt,
    lastAt: person.lastAt,
    entryCount: person.entries.length,
    lastCategory: lastIn?.category ?? null,
  };
}
