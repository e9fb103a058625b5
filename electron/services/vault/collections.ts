/**
 * Every collection of the encrypted record store, grouped by the service that owns it. A name is
 * declared here once; services take theirs from this table, and code that acts on other
 * services' records (the decoy copy of the panic set-up, the checklist's live items) names them
 * through it, typed, instead of repeating a string. Names follow the record store's rule
 * /^[a-z][a-z0-9-]{0,31}$/ (recordStore.ts).
 */
export const RECORD_COLLECTIONS = {
  vault: { meta: 'vault-meta', notes: 'notes', attachmentMeta: 'attachment-meta' },
  checklist: { progress: 'checklist', updates: 'checklist-updates', updatesMade: 'checklist-updates-made' },
  panic: { config: 'panic-config', drills: 'panic-drills' },
  drafts: { drafts: 'drafts' },
  pgp: {
    ownKeys: 'pgp-own-keys',
    state: 'pgp-state',
    replyKeys: 'pgp-reply-keys',
    teams: 'pgp-teams',
    requests: 'pgp-requests',
  },
  /** The channel's current layout; its pre-epoch collections are in signal/recordCollections.ts. */
  signal: { state: 'signal-state', epochWrap: 'signal-epoch-wrap', history: 'signal-hist' },
} as const;

/**
 * Records the app writes into a new vault by itself, before the person has put anything in it
 * (the panic config the spare/ filler records itself in). A vault holding only these is still
 * empty for a restore, which then writes the backup's over them.
 */
export const SET_UP_COLLECTIONS: readonly string[] = [RECORD_COLLECTIONS.panic.config];

type Registry = typeof RECORD_COLLECTIONS;
export type CollectionOwner = keyof Registry;
export type CollectionName = { [O in CollectionOwner]: Registry[O][keyof Registry[O]] }[CollectionOwner];

/** Every registered name with its owner, for checks that walk all of them. */
export function registeredCollections(): { owner: CollectionOwner; name: CollectionName }[] {
  return (Object.entries(RECORD_COLLECTIONS) as [CollectionOwner, Record<string, CollectionName>][]).flatMap(
    ([owner, names]) => Object.values(names).map((name) => ({ owner, name })),
  );
}
