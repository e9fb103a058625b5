/**
 * Every vault collection the channel service writes. Names follow the record store's rule
 * /^[a-z][a-z0-9-]{0,31}$/. The panic wipe destroys LOCAL first (identity + pre-key secrets).
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
  /** Ids of envelopes already delivered, id = thread id. */
  seenEnvelopes: 'signal-seen',
  /** Decrypted messages kept within the thread's retention, id = `<thread>/<storedAt>-<envelope>-<dir>`. */
  history: 'signal-history',
} as const;

export const LOCAL_IDENTITY_ID = 'identity';
export const PREKEY_SCHEDULE_ID = 'prekey-schedule';
