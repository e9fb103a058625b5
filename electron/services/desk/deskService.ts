import type { ChannelBundle } from '../../../shared/channel/bundleSchema';
import type {
  DeskCard,
  DeskDetails,
  DeskStatus,
  InboxEntry,
  InboxPerson,
} from '../../../shared/channel/deskTypes';
import type { EncryptedRecordStore } from '../vault';
import { listInbox, openPerson, openRequest, reply } from './deskInbox';
import { loadTeam, statusOf, type DeskContext } from './deskRecords';
import { publishCard, refreshCard, saveDetails, signText, type ImportedTeamKey } from './deskTeam';

/**
 * The support desk's own side: the team's OpenPGP key (kept in the vault, never exported), the
 * signed contact card it publishes with the libsignal pre-key bundle inside, and the PGP inbox
 * for requests made with the contact-support feature — so a team can work without GnuPG.
 */

export { DESK_COLLECTIONS, MAX_INBOX_ENTRIES, deskError } from './deskRecords';

export interface DeskService {
  status(): Promise<DeskStatus>;
  /** First run: generate (or import) the team key and store the details. Later: edit the details; the key stays. */
  saveDetails(details: DeskDetails, importKey?: ImportedTeamKey): Promise<DeskStatus>;
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

export function createDeskService(options: DeskServiceOptions): DeskService {
  const ctx: DeskContext = {
    records: options.records,
    exportBundle: options.exportBundle,
    clock: options.clock ?? (() => new Date()),
  };
  return {
    status: async () => statusOf(await loadTeam(ctx)),
    saveDetails: (details, importKey) => saveDetails(ctx, details, importKey),
    publishCard: () => publishCard(ctx),
    refreshCard: () => refreshCard(ctx),
    openRequest: (armored) => openRequest(ctx, armored),
    listInbox: () => listInbox(ctx),
    openPerson: (personId) => openPerson(ctx, personId),
    reply: (personId, text) => reply(ctx, personId, text),
    signText: (text) => signText(ctx, text),
  };
}
