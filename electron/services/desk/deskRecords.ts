import { z } from 'zod';
import type { DeskStatus, InboxPerson } from '../../../shared/channel/deskTypes';
import { deskDetailsSchema, inboxEntrySchema } from '../../../shared/channel/deskTypes';
import { errorsOf } from '../../../shared/errors';
import type { ChannelBundle } from '../../../shared/channel/bundleSchema';
import { fingerprintGroups } from '../pgp';
import { encodeJsonRecord, readJsonRecord, type EncryptedRecordStore } from '../vault';

/**
 * What the desk stores and how it reads it back: the team record (key, details, last card) and
 * one inbox record per person. Every record is validated on read; a damaged one is an error, not
 * a silently missing team or thread.
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
export type TeamRecord = z.infer<typeof teamRecordSchema>;

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
export type PersonRecord = z.infer<typeof personRecordSchema>;

/** What every desk operation works with: the vault records, the bundle source and the clock. */
export interface DeskContext {
  records: EncryptedRecordStore;
  /** The desk's channel service: the bundle to publish (it rotates pre-keys first if due). */
  exportBundle: () => Promise<ChannelBundle>;
  clock: () => Date;
}

export const deskError = errorsOf<'desk'>();

function readRecord<T>(
  records: EncryptedRecordStore,
  collection: string,
  id: string,
  schema: z.ZodType<T>,
): Promise<T | null> {
  return readJsonRecord(records, collection, id, schema, () => {
    throw deskError('desk/record-corrupt', { collection });
  });
}

export function loadTeam(ctx: DeskContext): Promise<TeamRecord | null> {
  return readRecord(ctx.records, DESK_COLLECTIONS.team, TEAM_ID, teamRecordSchema);
}

export async function requireTeam(ctx: DeskContext): Promise<TeamRecord> {
  const team = await loadTeam(ctx);
  if (!team) throw deskError('desk/not-set-up');
  return team;
}

export function saveTeam(ctx: DeskContext, team: TeamRecord): Promise<void> {
  return ctx.records.write(DESK_COLLECTIONS.team, TEAM_ID, encodeJsonRecord(team));
}

export function loadPerson(ctx: DeskContext, personId: string): Promise<PersonRecord | null> {
  return readRecord(ctx.records, DESK_COLLECTIONS.inbox, personId, personRecordSchema);
}

export function savePerson(ctx: DeskContext, personId: string, person: PersonRecord): Promise<void> {
  return ctx.records.write(DESK_COLLECTIONS.inbox, personId, encodeJsonRecord(person));
}

export function statusOf(team: TeamRecord | null): DeskStatus {
  return {
    setUp: team !== null,
    details: team?.details ?? null,
    fingerprintGroups: team ? fingerprintGroups(team.fingerprint) : null,
    card: team?.card
      ? { text: team.card.text, issuedAt: team.card.issuedAt, bundleExpiresAt: team.card.bundleExpiresAt }
      : null,
  };
}

export function summarize(person: PersonRecord): InboxPerson {
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
