import type { VaultBackup } from './backup';
import type { GcmLane } from './gcmLane';
import type { Attachments } from './attachmentStore';
import type { KdfParams } from './kdfParams';
import type { IndexNotice } from './manifestLoad';
import type { Notebook } from './notebook';
import type { EncryptedRecordStore } from './recordStore';
import type { SlotRole } from './vaultHeader';
import type { RotationProgress } from './keyRotation';
import type { RotationStage } from './rotationSettle';
import type { WarnLogger } from '../log';
import { type FileSystem } from '../common';

/**
 * `cancelled`: the passphrase was right but the unlock was overtaken — a lock requested after it
 * started ('lock'), or the keys destroyed by a panic while its KDF ran ('destroyed'). Nothing was
 * installed; the caller must not count it as a wrong passphrase.
 *
 * A duress result (`role: 'duress'`) installs NOTHING either: the duress slot holds no key to the
 * real data, so the vault stays locked and the caller (the panic service) runs the wipe.
 */
export type UnlockResult = { ok: true; role: SlotRole } | { ok: false; cancelled?: 'lock' | 'destroyed' };

export interface UnlockOptions {
  /**
   * lockEpoch read when the caller's own unlock sequence began: a lock requested since then
   * cancels this unlock too (the panic service's duress → decoy unlock is two vault unlocks).
   */
  lockEpoch?: number;
}

export interface VaultServiceOptions {
  dir: string;
  /**
   * Argon2id parameters for create(); an existing vault uses the ones in its header. A function is
   * a calibration (kdfCalibration.ts), asked at create() and at a passphrase change, where the
   * header is upgraded to its answer when that is stronger and every slot in use can be resealed.
   */
  kdf?: KdfParams | KdfSource;
  clock?: () => number;
  random?: (n: number) => Buffer;
  logger?: WarnLogger;
  fs?: FileSystem;
  /** Largest attachment accepted, bytes. Default 512 MiB. */
  maxAttachmentBytes?: number;
  /** Where attachment chunks are sealed and opened; default two worker threads per process. */
  gcmLane?: GcmLane;
  /**
   * Durations of the two unlock phases (bench, diagnostics): the Argon2id run, and everything
   * after it until unlock resolves. Numbers only, never anything about the content.
   */
  onUnlockTiming?: (t: { kdfMs: number; restMs: number }) => void;
  /** Test hook of the key rotation's crash tests (a stage name, never anything secret). */
  onRotationStage?: (stage: RotationStage) => Promise<void> | void;
}

/** Parameters measured on this computer; see kdfCalibration.ts. */
export type KdfSource = () => Promise<KdfParams>;

export interface VaultService {
  exists(): Promise<boolean>;
  /** The Argon2id parameters of the open vault's header (null when locked): a decoy gets the same. */
  readonly kdfParams: KdfParams | null;
  isUnlocked(): boolean;
  /** Hex vault id while unlocked, else null. */
  readonly vaultId: string | null;
  create(passphrase: string, opts: { withRecoveryCode: boolean }): Promise<{ recoveryCode: string[] | null }>;
  /**
   * Like create(), left unlocked, but no passphrase or code opens it once locked: every slot is
   * random bytes and no Argon2id runs (vaultSealed.ts). `withRecoveryCode` gives the encrypted
   * slot map the shape a vault with a code has. For the spare/ filler.
   */
  createSealed(opts: { withRecoveryCode: boolean }): Promise<void>;
  unlock(passphrase: string, opts?: UnlockOptions): Promise<UnlockResult>;
  /** Goes up by one, synchronously, at every lock() call: lets an unlock in flight see it was overtaken. */
  readonly lockEpoch: number;
  /**
   * Opens with a typed recovery code (digit groups, or an old vault's 12 words). Input that cannot
   * be a code is refused before the KDF with the group or word to check (vault/recovery-code-*).
   */
  unlockWithRecoveryCode(typed: string): Promise<UnlockResult>;
  lock(): Promise<void>;
  onLock(listener: () => void): () => void;
  /**
   * Called after every durable header write while unlocked (passphrase, duress, recovery changes,
   * a format-1 conversion): the lock-screen mirror is keyed by header bytes and must be re-sealed.
   */
  onHeaderChange(listener: () => void): () => void;
  /**
   * Rollback anchor kept in the authenticated header and rewritten in place with it (for the
   * manifest's rollback check). Readable and writable only while unlocked (vault/locked).
   */
  readonly manifestGeneration: bigint;
  setManifestGeneration(value: bigint): Promise<void>;
  /** Throws vault/wrong-passphrase unless `passphrase` is the primary one; writes nothing. */
  verifyPrimaryPassphrase(passphrase: string): Promise<void>;
  /**
   * A new passphrase and, with it, a master-key rotation: every record and attachment re-encrypted
   * under a new key, the header rewritten in place as the one commit point, the old generation
   * shredded — so a copy of the disk made earlier plus the old passphrase opens nothing written
   * from now on. A recovery code is replaced (the new one is returned this once: the old one
   * wrapped the old key); a duress passphrase is kept. Primary session and the current passphrase
   * only; `next` must open no slot yet, the current one included (vault/passphrase-in-use). Moves
   * the header to stronger calibrated Argon2id parameters when there is no duress slot. Writes
   * are refused (vault/busy) while it runs.
   */
  changePassphrase(
    current: string,
    next: string,
    onProgress?: (p: RotationProgress) => void,
  ): Promise<{ recoveryCode: string[] | null }>;
  setSlot(role: 'duress', passphrase: string): Promise<void>;
  /** Removing a recovery code rotates the master key (it wrapped it); a duress slot is cleared in place. */
  clearSlot(role: 'duress' | 'recovery'): Promise<void>;
  hasRecoverySlot(): Promise<boolean>;
  hasDuressSlot(): Promise<boolean>;
  /**
   * Whether a recovery code exists (the UI offers "make a recovery code" when not). Readable only
   * while unlocked (the slot map is encrypted); throws vault/locked otherwise.
   */
  readonly recoveryCodeCreated: boolean;
  /**
   * Makes a new recovery code. Replacing an old one rotates the master key (as changePassphrase):
   * the old code wrapped it. Only in a
   * session unlocked with the primary passphrase (vault/not-primary otherwise: a recovery or duress
   * session must not mint codes), and only with the current passphrase typed again: someone at an
   * unlocked, unattended notebook must not mint a code that outlives a passphrase change. The
   * digit groups are returned this once and never stored in clear.
   */
  createRecoveryCode(current: string): Promise<{ recoveryCode: string[] }>;
  /**
   * True while the session was opened with the recovery code and no new passphrase was set yet:
   * main refuses every notebook channel until setPassphraseAfterRecovery(): a code someone found
   * must not become a second way in that never asks for a new passphrase.
   */
  readonly needsNewPassphrase: boolean;
  /**
   * In a recovery session only: a rotation (as changePassphrase) to `next`; the old passphrase and
   * the code just used stop working, and the replacing code is returned this once.
   */
  setPassphraseAfterRecovery(next: string): Promise<{ recoveryCode: string[] | null }>;
  destroyKeyMaterial(): Promise<void>;
  /** What unlock found wrong with the manifest (rollback, rebuild) until acknowledged; null when locked. */
  indexNotice(): IndexNotice | null;
  /** The person read the notice and continues: the manifest in use becomes the anchored one. */
  acknowledgeIndexNotice(): Promise<void>;
  readonly records: EncryptedRecordStore;
  readonly notes: Notebook;
  readonly attachments: Attachments;
  readonly backup: VaultBackup;
  /** TEST ONLY: references to every key Buffer of the current session, to prove lock zeroes them. */
  keyBuffersForTestsOnly(): Buffer[];
}
