import { RECORD_COLLECTIONS } from '../vault';
/**
 * The collections of the channel state. Since the epoch-key layout (channelState.ts) they are
 * logical: all of them live inside one sealed state record. Before it, each was a vault
 * collection of its own; an existing vault's records there are read once and removed
 * (LEGACY_COLLECTIONS). Names follow the record store's rule /^[a-z][a-z0-9-]{0,31}$/.
 */
export const COLLECTIONS = {
  /** 'identity' (own key pair, address, registration id) and 'prekey-schedule' (desk). */
  local: 'signal-local',
  /** Remote identity keys, id = peer address. */
  identities: 'signal-identities',
  /** Serialized libsignal SessionRecord, id = peer address. */
  sessions: 'signal-sessions',
  signedPreKeys: 'signal-signed-prekeys',
  kyberPreKeys: 'signal-kyber-prekeys',
  /** Base keys already seen with a last-resort Kyber pre-key, id = Kyber pre-key id. */
  kyberUsed: 'signal-kyber-used',
  /** Thread metadata, id = thread id (= peer address). */
  threads: 'signal-threads',
  /** Ids of envelopes already delivered with their time, id = thread id. */
  seenEnvelopes: 'signal-seen-at',
  /** Decrypted messages kept within the thread's retention, id = random (threadHistory.ts). */
  history: 'signal-history',
} as const;

export const LOCAL_IDENTITY_ID = 'identity';
export const PREKEY_SCHEDULE_ID = 'prekey-schedule';

/** The vault collections the channel writes today (channelState.ts). */
/**
 * `state`: the sealed channel state, id = random, exactly one outside a commit. `epochWrap`: the
 * key that seals the epoch file's copies, id 'key'. `history`: kept messages, each sealed under
 * its own key held in the state (detachedHistory.ts).
 */
export const STATE_COLLECTIONS = RECORD_COLLECTIONS.signal;

/** Where the version before the epoch key kept each store; migrated on the first commit. */
export const LEGACY_COLLECTIONS: readonly string[] = [...Object.values(COLLECTIONS), 'signal-seen'];
/** The old seen lists had no times, so retention could not apply to them: they are dropped. */
export const LEGACY_DROPPED_COLLECTIONS: readonly string[] = ['signal-seen'];
