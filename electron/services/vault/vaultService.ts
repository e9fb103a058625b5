import { randomFillSync, randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { TikhoError } from '../../../shared/errors';
import { createSerialQueue } from '../common';
import { DIR_MODE, fsyncDir } from './atomicFile';
import { createAttachmentStore, type AttachmentStore, type Attachments } from './attachmentStore';
import { createBackup, type VaultBackup } from './backup';
import type { GcmLane } from './gcmLane';
import { openFileRecordStore, writeEmptyManifest, type FileRecordStore } from './fileRecordStore';
import {
  ATTACHMENTS_DIR,
  GCM_NONCE_BYTES,
  KDF_DEFAULTS,
  KEY_BYTES,
  RECORDS_DIR,
  SALT_BYTES,
  SLOT_BYTES,
  SLOT_COUNT,
  VAULT_ID_BYTES,
} from './formatConstants';
import { isKdfUpgrade } from './kdfCalibration';
import { assertKdfParams, type KdfParams } from './kdfParams';
import { deriveKek, deriveSubkeys } from './keyDerivation';
import { createHeaderFile, type LiveHeader } from './headerFile';
import { deriveHeaderKey } from './headerV2';
import type { IndexNotice } from './manifestLoad';
import { loadNotebook, type Notebook } from './notebook';
import type { EncryptedRecordStore } from './recordStore';
import { newRecoveryCode, recoverySecretFromInput } from './recoveryCode';
import { formatGroups } from '../../../shared/recoveryCode';
import { readSlotMap, writeSlotMap, type SlotMap } from './slotMap';
import {
  decodeHeader,
  openSlots,
  sealSlot,
  slotBinding,
  type SlotRole,
  type VaultHeader,
} from './vaultHeader';
import { nodeVaultFs, toWriteError, type VaultFs } from './vaultFs';
import { createVaultSession, type VaultSession } from './vaultSession';
import type { RotationProgress } from './keyRotation';
import { rotateSession, type RotationPlan } from './rotateSession';
import { settleRotation, type RotationStage } from './rotationSettle';
import type { WarnLogger } from '../log';

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
  fs?: VaultFs;
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
   * main refuses every notebook channel until setPassphraseAfterRecovery() (issue 16 §5).
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

const MIN_PASSPHRASE_CHARS = 8;
/** Collections the vault itself uses; other services pick their own names. */
export const VAULT_META_COLLECTION = 'vault-meta';

interface Unlocked {
  /** The format-2 header as last written; `live.state.slots` are the slots every change starts from. */
  live: LiveHeader;
  /** KEK of the passphrase this session was unlocked with: a backup's slot is sealed with it. */
  kek: Buffer;
  session: VaultSession;
  store: FileRecordStore;
  notebook: LoadedNotebook;
  attachments: AttachmentStore;
  slotIndex: number;
  /** The session's role, 'primary' once a recovery session has set its new passphrase. */
  role: SlotRole;
  /** Cached copy of the encrypted vault-meta/slots record, kept in step with every write of it. */
  slotMap: SlotMap;
}

type LoadedNotebook = Awaited<ReturnType<typeof loadNotebook>>;

/** Fisher–Yates over the slot indices, so a role's position in the header is random. */
function shuffledSlotIndices(random: (n: number) => Buffer): number[] {
  const order = Array.from({ length: SLOT_COUNT }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = random(4).readUInt32BE(0) % (i + 1);
    const a = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = a;
  }
  return order;
}

export function createVaultService(options: VaultServiceOptions): VaultService {
  const { dir, logger } = options;
  const fs = options.fs ?? nodeVaultFs;
  const clock = options.clock ?? Date.now;
  const random = options.random ?? ((n: number) => randomBytes(n));
  const kdfSource: KdfSource | null = typeof options.kdf === 'function' ? options.kdf : null;
  const kdfFixed: KdfParams = typeof options.kdf === 'object' ? options.kdf : { ...KDF_DEFAULTS };
  const maxAttachmentBytes = options.maxAttachmentBytes ?? 512 * 1024 * 1024;
  const headers = createHeaderFile({ fs, dir, random });
  const listeners = new Set<() => void>();
  const headerListeners = new Set<() => void>();
  let state: Unlocked | null = null;
  /** Bumped synchronously by lock() and destroyKeyMaterial(), before they queue or await anything. */
  let lockEpoch = 0;
  let destroyEpoch = 0;
  /** A rotation copies the store: a write landing in the old generation after its copy would be lost. */
  let rotating = false;

  /** Lifecycle operations (create, unlock, lock, header rewrites, rotation) never interleave. */
  const { run: serial } = createSerialQueue();

  const secretKey = (): Buffer => {
    // Buffer.alloc, not the shared pool, so fill(0) wipes exactly this key.
    const b = Buffer.alloc(KEY_BYTES);
    randomFillSync(b);
    return b;
  };
  const newId = (): string => random(16).toString('hex');

  function need(): Unlocked {
    if (!state || !state.session.isOpen()) throw new TikhoError('vault/locked');
    return state;
  }

  function needWritable(): Unlocked {
    const s = need();
    if (rotating) throw new TikhoError('vault/busy');
    return s;
  }

  /** Unused slots get fresh random bytes on every header write. */
  function randomSlot(): Buffer {
    return random(SLOT_BYTES);
  }

  /** In place, both copies (headerFile.ts); then the lock-screen mirror is told. */
  async function writeSlots(s: Unlocked, slots: Buffer[]): Promise<void> {
    await headers.write(s.live, { ...s.live.state, slots });
    notifyHeaderChange();
  }

  function notifyHeaderChange(): void {
    for (const l of headerListeners) {
      try {
        l();
      } catch {
        // A failing listener must not stop the others.
      }
    }
  }

  async function openUnlocked(
    live: LiveHeader,
    kek: Buffer,
    master: Buffer,
    role: SlotRole,
    slotIndex: number,
  ): Promise<Unlocked> {
    const { vaultId } = live.state;
    const session = createVaultSession(vaultId, master, deriveSubkeys(master, vaultId), role);
    try {
      // An interrupted key rotation is finished or undone before the store reads anything; the
      // header that opened decides which (rotationSettle.ts).
      await settleRotation({
        fs,
        dir,
        session,
        random,
        ...(options.onRotationStage ? { onStage: options.onRotationStage } : {}),
      });
      const store = await openFileRecordStore({ fs, dir, session, random, ...(logger ? { logger } : {}) });
      const attachments = createAttachmentStore({
        fs,
        dir,
        session,
        records: store,
        random,
        clock,
        newId,
        maxBytes: maxAttachmentBytes,
        ...(options.gcmLane ? { gcm: options.gcmLane } : {}),
      });
      const notebook = await openNotebook(store, attachments);
      const slotMap = await readSlotMap(store);
      return { live, kek, session, store, notebook, attachments, slotIndex, role, slotMap };
    } catch (err) {
      session.wipe();
      kek.fill(0);
      live.headerKey.fill(0);
      throw err;
    }
  }

  function openNotebook(store: FileRecordStore, attachments: AttachmentStore): Promise<LoadedNotebook> {
    return loadNotebook({
      store,
      clock,
      newId,
      onNoteDeleted: (id) => attachments.removeAllForNote(id),
    });
  }

  async function tryPassphrase(
    header: Pick<VaultHeader, 'vaultId' | 'kdf' | 'salt' | 'slots'>,
    passphrase: string,
  ): Promise<ReturnType<typeof openSlots>> {
    const kek = await deriveKek(passphrase, header.salt, header.kdf);
    try {
      return openSlots(kek, header);
    } finally {
      kek.fill(0);
    }
  }

  async function lockNow(): Promise<void> {
    const s = state;
    if (!s) return;
    s.session.beginClose();
    try {
      // Keeps the next unlock to one summary read; a failure (disk full) only costs speed then.
      await s.notebook.persistSummary().catch(() => undefined);
      await s.store.flush();
    } finally {
      dropSession(s);
    }
  }

  /** Zeroes the session's keys, drops every decrypted cache, and tells the listeners. */
  function dropSession(s: Unlocked): void {
    s.session.wipe();
    s.kek.fill(0);
    s.live.headerKey.fill(0);
    s.store.wipe();
    s.notebook.dropCaches();
    state = null;
    notifyLocked();
  }

  function notifyLocked(): void {
    for (const l of listeners) {
      try {
        l();
      } catch {
        // A failing listener must not stop the others from hearing about the lock.
      }
    }
  }

  /** Rewrites one slot under a new passphrase; refuses a passphrase that already opens another slot. */
  async function rewrapSlot(
    s: Unlocked,
    index: number,
    role: SlotRole,
    passphrase: string,
    map: SlotMap,
    wrapped: Buffer = s.session.master,
  ): Promise<void> {
    const header = s.live.state;
    const kek = await deriveKek(passphrase, header.salt, header.kdf);
    try {
      const clash = openSlots(kek, header);
      if (clash && clash.index !== index) {
        clash.master.fill(0);
        throw new TikhoError('vault/passphrase-in-use');
      }
      clash?.master.fill(0);
      const fixed = slotBinding(header);
      const used = new Set([map.primary, map.recovery, map.duress].filter((i): i is number => i !== null));
      used.add(index);
      const slots = header.slots.map((old, i) => {
        if (i === index) return sealSlot(kek, fixed, i, role, wrapped, random(GCM_NONCE_BYTES));
        return used.has(i) ? old : randomSlot();
      });
      await writeSlots(s, slots);
      // A backup made from now on opens with the new primary passphrase.
      if (role === 'primary') kek.copy(s.kek);
    } finally {
      kek.fill(0);
    }
  }

  /**
   * On a passphrase change, the calibrated Argon2id parameters of this computer when they are
   * stronger than the header's, with a fresh salt. The parameters and salt are shared by every
   * slot: a duress slot binds them and its passphrase is not typed here, so it keeps them (a
   * recovery code is replaced by the rotation anyway).
   */
  async function kdfPlanFor(s: Unlocked, map: SlotMap): Promise<RotationPlan['kdf']> {
    if (!kdfSource || map.duress !== null) return undefined;
    const params = await kdfSource();
    if (!isKdfUpgrade(s.live.state.kdf, params)) return undefined;
    assertKdfParams(params);
    return { params, salt: Buffer.from(random(SALT_BYTES)) };
  }

  /** KEK of `passphrase` under the header's salt; refused when it already opens any slot. */
  async function kekOpeningNothing(s: Unlocked, passphrase: string): Promise<Buffer> {
    const { salt, kdf } = s.live.state;
    const kek = await deriveKek(passphrase, salt, kdf);
    const clash = openSlots(kek, s.live.state);
    clash?.master.fill(0);
    if (clash) {
      kek.fill(0);
      throw new TikhoError('vault/passphrase-in-use');
    }
    return kek;
  }

  /** Throws vault/wrong-passphrase unless `passphrase` opens the primary slot. */
  async function assertPrimaryPassphrase(s: Unlocked, passphrase: string): Promise<void> {
    const opened = await tryPassphrase(s.live.state, passphrase);
    opened?.master.fill(0);
    if (!opened || opened.role !== 'primary') throw new TikhoError('vault/wrong-passphrase');
  }

  /**
   * A master-key rotation (rotateSession.ts) to its commit, then the new session takes over
   * without a lock event. `kek` (the primary slot's, matching the plan's salt) is owned from here.
   */
  async function rotateTo(
    s: Unlocked,
    kek: Buffer,
    plan: RotationPlan,
    onProgress?: (p: RotationProgress) => void,
  ): Promise<{ recoveryCode: string[] | null }> {
    rotating = true;
    let rotated: Awaited<ReturnType<typeof rotateSession>>;
    try {
      rotated = await rotateSession(
        {
          fs,
          dir,
          random,
          clock,
          headers,
          ...(options.gcmLane ? { gcmLane: options.gcmLane } : {}),
          ...(options.onRotationStage ? { onStage: options.onRotationStage } : {}),
          newRecoveryCode: () => {
            const code = newRecoveryCode();
            return { secret: code, shown: formatGroups(code) };
          },
          slotMapAddress: { collection: VAULT_META_COLLECTION, id: 'slots' },
        },
        s,
        kek,
        plan,
        onProgress,
      );
    } catch (err) {
      kek.fill(0);
      throw err;
    } finally {
      rotating = false;
    }
    // The old generation's keys go; the person stays in (no lock event): the new session
    // takes over at once, and its settle shreds the old files.
    s.session.beginClose();
    s.session.wipe();
    s.kek.fill(0);
    s.store.wipe();
    s.notebook.dropCaches();
    state = null;
    try {
      state = await openUnlocked(s.live, kek, rotated.master, 'primary', rotated.map.primary);
    } catch (err) {
      // Committed on disk, but the new session did not open (its settle failed): the vault is
      // locked now, and the listeners must hear it; the next unlock settles again.
      notifyLocked();
      throw err;
    } finally {
      notifyHeaderChange();
    }
    return { recoveryCode: rotated.recoveryCode };
  }

  function freeSlotIndex(map: SlotMap): number {
    const used = new Set([map.primary, map.recovery, map.duress]);
    const free = Array.from({ length: SLOT_COUNT }, (_, i) => i).filter((i) => !used.has(i));
    const pick = free[random(1).readUInt8(0) % free.length];
    if (pick === undefined) throw new TikhoError('vault/no-free-slot');
    return pick;
  }

  function assertPassphrase(p: string): void {
    if ([...p].length < MIN_PASSPHRASE_CHARS)
      throw new TikhoError('vault/passphrase-too-weak', { minChars: MIN_PASSPHRASE_CHARS });
  }

  // async so a locked vault REJECTS (vault/locked) instead of throwing synchronously.
  const records: EncryptedRecordStore = {
    read: async (c, id) => need().store.read(c, id),
    write: async (c, id, d) => {
      if (c === VAULT_META_COLLECTION) throw new TikhoError('vault/reserved-collection');
      return needWritable().store.write(c, id, d);
    },
    remove: async (c, id) => {
      if (c === VAULT_META_COLLECTION) throw new TikhoError('vault/reserved-collection');
      return needWritable().store.remove(c, id);
    },
    list: async (c) => need().store.list(c),
  };

  const notes: Notebook = {
    list: () => need().notebook.list(),
    get: (id) => need().notebook.get(id),
    create: async (input) => needWritable().notebook.create(input),
    update: async (id, patch) => needWritable().notebook.update(id, patch),
    delete: async (id) => needWritable().notebook.delete(id),
    tags: () => need().notebook.tags(),
    search: (q) => need().notebook.search(q),
    loaded: async () => need().notebook.loaded(),
  };

  const attachments: Attachments = {
    add: async (noteId, input) => {
      const s = needWritable();
      s.notebook.get(noteId); // throws for an unknown note
      return s.attachments.add(noteId, input);
    },
    list: async (noteId) => need().attachments.list(noteId),
    addFromChunks: async (noteId, meta, chunks) => {
      const s = needWritable();
      s.notebook.get(noteId); // throws for an unknown note
      return s.attachments.addFromChunks(noteId, meta, chunks);
    },
    read: async (id) => need().attachments.read(id),
    exportTo: async (id, dest) => need().attachments.exportTo(id, dest),
    remove: async (id) => needWritable().attachments.remove(id),
  };

  const service: VaultService = {
    exists: () => headers.exists(),
    isUnlocked: () => state !== null && state.session.isOpen(),
    get vaultId() {
      return state && state.session.isOpen() ? state.session.vaultId.toString('hex') : null;
    },

    get kdfParams() {
      return state && state.session.isOpen() ? { ...state.live.state.kdf } : null;
    },

    create(passphrase, opts) {
      return serial(async () => {
        assertPassphrase(passphrase);
        if (await service.exists()) throw new TikhoError('vault/exists');
        const kdfForCreate = kdfSource ? await kdfSource() : kdfFixed;
        assertKdfParams(kdfForCreate);
        await lockNow();
        try {
          await fs.mkdir(join(dir, RECORDS_DIR), { recursive: true, mode: DIR_MODE });
          await fs.mkdir(join(dir, ATTACHMENTS_DIR), { recursive: true, mode: DIR_MODE });
        } catch (err) {
          throw toWriteError(err);
        }
        const vaultId = Buffer.from(random(VAULT_ID_BYTES));
        const salt = Buffer.from(random(SALT_BYTES));
        const master = secretKey();
        const base = { vaultId, kdf: { ...kdfForCreate }, salt };
        const fixed = slotBinding(base);
        const order = shuffledSlotIndices(random);
        const primary = order[0] ?? 0;
        const recoveryIndex = opts.withRecoveryCode ? (order[1] ?? 1) : null;
        const slots = Array.from({ length: SLOT_COUNT }, () => randomSlot());
        let recoveryCode: string[] | null = null;
        const kek = await deriveKek(passphrase, salt, kdfForCreate);
        slots[primary] = sealSlot(kek, fixed, primary, 'primary', master, random(GCM_NONCE_BYTES));
        if (recoveryIndex !== null) {
          const code = newRecoveryCode();
          recoveryCode = formatGroups(code);
          const rkek = await deriveKek(code, salt, kdfForCreate);
          try {
            slots[recoveryIndex] = sealSlot(
              rkek,
              fixed,
              recoveryIndex,
              'recovery',
              master,
              random(GCM_NONCE_BYTES),
            );
          } finally {
            rkek.fill(0);
          }
        }
        const headerState = { ...base, slots, generation: 0n, manifestGeneration: 0n, flags: 0 };
        // The set-up session gets its own copy: wiping it must not zero the key we keep.
        const setupMaster = Buffer.alloc(KEY_BYTES);
        master.copy(setupMaster);
        const session = createVaultSession(
          vaultId,
          setupMaster,
          deriveSubkeys(setupMaster, vaultId),
          'primary',
        );
        let live: LiveHeader;
        try {
          // Header last: until it exists the folder is not a vault, and create() may run again.
          await writeEmptyManifest({ fs, dir, session, random });
          const store = await openFileRecordStore({ fs, dir, session, random });
          await writeSlotMap(store, { primary, recovery: recoveryIndex, duress: null });
          await store.flush();
          live = await headers.create(headerState, deriveHeaderKey(master, vaultId));
          await fsyncDir(fs, dir).catch(() => undefined);
        } catch (err) {
          kek.fill(0);
          throw err;
        } finally {
          session.wipe();
        }
        state = await openUnlocked(live, kek, master, 'primary', primary);
        return { recoveryCode };
      });
    },

    get lockEpoch() {
      return lockEpoch;
    },

    unlock(passphrase, opts = {}) {
      const lockSeen = opts.lockEpoch ?? lockEpoch;
      const destroySeen = destroyEpoch;
      return serial(async (): Promise<UnlockResult> => {
        const t0 = performance.now();
        const sources = await headers.read();
        const opened = await headers.open(sources, passphrase);
        const t1 = performance.now();
        // A refused passphrase changes nothing: an open session stays open.
        if (!opened) return { ok: false };
        // Checked after the KDF, the only await long enough for a panic or a lock to arrive in.
        const cancelled = destroyEpoch !== destroySeen ? 'destroyed' : lockEpoch !== lockSeen ? 'lock' : null;
        if (cancelled || opened.role === 'duress') {
          // The role is known from the header alone; nothing of the vault has been read. A duress
          // slot of a vault made before this change may still wrap the real key: zeroed unused.
          opened.master.fill(0);
          opened.kek.fill(0);
          opened.live?.headerKey.fill(0);
          if (cancelled) return { ok: false, cancelled };
          await lockNow();
          return { ok: true, role: 'duress' };
        }
        await lockNow();
        // Format 1 is converted here, before the session exists: a failed write fails the unlock
        // and the folder still opens as it was (headerFile.ts settle).
        let live: LiveHeader;
        try {
          live = await headers.settle(opened, sources.legacyPresent);
        } catch (err) {
          opened.master.fill(0);
          opened.kek.fill(0);
          opened.live?.headerKey.fill(0);
          throw err;
        }
        const converted = opened.live === null;
        state = await openUnlocked(live, opened.kek, opened.master, opened.role, opened.index);
        if (converted) notifyHeaderChange();
        await state.attachments.sweepOrphans().catch(() => undefined);
        options.onUnlockTiming?.({ kdfMs: t1 - t0, restMs: performance.now() - t1 });
        return { ok: true, role: opened.role };
      });
    },

    unlockWithRecoveryCode(typed) {
      return service.unlock(recoverySecretFromInput(typed));
    },

    lock() {
      lockEpoch++;
      return serial(lockNow);
    },

    onLock(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    onHeaderChange(listener) {
      headerListeners.add(listener);
      return () => headerListeners.delete(listener);
    },

    get manifestGeneration() {
      return need().live.state.manifestGeneration;
    },

    setManifestGeneration(value) {
      return serial(async () => {
        const s = need();
        if (value < 0n || value > 0xffff_ffff_ffff_ffffn) throw new RangeError('manifest generation');
        await headers.write(s.live, { ...s.live.state, manifestGeneration: value });
        notifyHeaderChange();
      });
    },

    verifyPrimaryPassphrase(passphrase) {
      return serial(async () => assertPrimaryPassphrase(need(), passphrase));
    },

    changePassphrase(current, next, onProgress) {
      return serial(async () => {
        const s = needWritable();
        if (s.role !== 'primary') throw new TikhoError('vault/not-primary');
        assertPassphrase(next);
        await assertPrimaryPassphrase(s, current);
        // Any slot, its own included: new keys behind the passphrase that was seen protect nothing.
        const sameSaltKek = await kekOpeningNothing(s, next);
        const map = await readSlotMap(s.store);
        const kdf = await kdfPlanFor(s, map);
        let kek = sameSaltKek;
        if (kdf) {
          sameSaltKek.fill(0);
          kek = await deriveKek(next, kdf.salt, kdf.params);
        }
        return rotateTo(s, kek, { recovery: 'replace', ...(kdf ? { kdf } : {}) }, onProgress);
      });
    },

    setSlot(role, passphrase) {
      return serial(async () => {
        const s = needWritable();
        if (role !== 'duress') throw new TikhoError('vault/invalid-slot-role');
        assertPassphrase(passphrase);
        const map = await readSlotMap(s.store);
        const index = map.duress ?? freeSlotIndex(map);
        // The duress slot wraps a fresh random key that opens nothing: recognising the slot is all
        // a duress unlock needs, and a disk image plus the coerced passphrase must yield no key.
        const nothing = secretKey();
        try {
          await rewrapSlot(s, index, 'duress', passphrase, map, nothing);
        } finally {
          nothing.fill(0);
        }
        await writeSlotMap(s.store, { ...map, duress: index });
        s.slotMap = { ...map, duress: index };
      });
    },

    clearSlot(role) {
      return serial(async () => {
        const s = needWritable();
        const map = await readSlotMap(s.store);
        const index = map[role];
        if (index === null) return;
        if (role === 'recovery') {
          // The removed code wrapped this master key: on a copy of the disk made while it worked,
          // it would open everything written from now on unless the key changes.
          if (s.role !== 'primary') throw new TikhoError('vault/not-primary');
          await rotateTo(s, Buffer.from(s.kek), { recovery: 'drop' });
          return;
        }
        // The duress slot never wrapped a key to the data (setSlot): clearing it in place is enough.
        const next = { ...map, duress: null };
        const used = new Set([next.primary, next.recovery]);
        await writeSlots(
          s,
          s.live.state.slots.map((old, i) => (used.has(i) ? old : randomSlot())),
        );
        await writeSlotMap(s.store, next);
        s.slotMap = next;
      });
    },

    async hasRecoverySlot() {
      return (await readSlotMap(need().store)).recovery !== null;
    },
    get recoveryCodeCreated() {
      return need().slotMap.recovery !== null;
    },
    createRecoveryCode(current) {
      return serial(async () => {
        const s = needWritable();
        if (s.role !== 'primary') throw new TikhoError('vault/not-primary');
        await assertPrimaryPassphrase(s, current);
        const map = await readSlotMap(s.store);
        if (map.recovery !== null) {
          // A replaced code (lost paper, a code someone saw) wrapped this master key: it must not
          // open what is written from now on, so the key changes and the new code wraps the new one.
          const { recoveryCode } = await rotateTo(s, Buffer.from(s.kek), { recovery: 'replace' });
          if (!recoveryCode) throw new Error('rotation dropped the recovery code');
          return { recoveryCode };
        }
        const index = freeSlotIndex(map);
        const code = newRecoveryCode();
        // Header first, then the map: a crash in between leaves the new code working and the map
        // saying "none", so the UI offers a new code again — never a map pointing at noise.
        await rewrapSlot(s, index, 'recovery', code, map);
        const next = { ...map, recovery: index };
        await writeSlotMap(s.store, next);
        s.slotMap = next;
        return { recoveryCode: formatGroups(code) };
      });
    },
    get needsNewPassphrase() {
      return state !== null && state.session.isOpen() && state.role === 'recovery';
    },
    setPassphraseAfterRecovery(next) {
      return serial(async () => {
        const s = needWritable();
        if (s.role !== 'recovery') throw new TikhoError('vault/not-recovery');
        assertPassphrase(next);
        // A rotation like any passphrase change: the forgotten passphrase, and the code just used,
        // open nothing written from now on; a new code replaces the used one, a duress one is kept.
        const kek = await kekOpeningNothing(s, next);
        return rotateTo(s, kek, { recovery: 'replace' });
      });
    },
    async hasDuressSlot() {
      return (await readSlotMap(need().store)).duress !== null;
    },

    async destroyKeyMaterial() {
      // Not serialised behind other lifecycle work: panic must not wait for a slow unlock. An
      // unlock whose KDF is running sees the epoch change and installs nothing.
      destroyEpoch++;
      state?.session.beginClose();
      // Both copies overwritten in place with random bytes and synced, then unlinked (and a
      // format-1 file not yet converted). A failure (EROFS) is left to the panic plan, which
      // checks the bytes really changed and reports it.
      await headers.destroy().catch(() => undefined);
      if (state) dropSession(state);
    },

    indexNotice: () => (state && state.session.isOpen() ? state.store.notice() : null),
    acknowledgeIndexNotice: async () => need().store.acknowledgeNotice(),
    records,
    notes,
    attachments,
    get backup() {
      return backup;
    },
    keyBuffersForTestsOnly: () =>
      state ? [...state.session.keyBuffers(), state.kek, state.live.headerKey] : [],
  };

  const innerBackup: VaultBackup = createBackup({
    fs,
    random,
    clock,
    need,
    sessionSealer: () => {
      const s = need();
      // s.role, not s.session.role: a recovery session that set a new passphrase seals as primary.
      return { kek: s.kek, salt: s.live.state.salt, kdf: s.live.state.kdf, role: s.role };
    },
    tryHeader: async (headerBytes, passphrase) => tryPassphrase(decodeHeader(headerBytes), passphrase),
    isReservedCollection: (c) => c === VAULT_META_COLLECTION,
  });
  const backup: VaultBackup = {
    exportEncrypted: (dest, passphrase) => innerBackup.exportEncrypted(dest, passphrase),
    exportPlainZip: (dest) => innerBackup.exportPlainZip(dest),
    async importEncrypted(src, passphrase) {
      const s = need();
      try {
        return await innerBackup.importEncrypted(src, passphrase);
      } finally {
        // The import wrote records behind the notebook's back (even a failed one may have written
        // some): rebuild the session's notes from the store so list/get/search see them now.
        if (state === s && s.session.isOpen()) {
          s.notebook.dropCaches();
          s.notebook = await openNotebook(s.store, s.attachments);
        }
      }
    },
  };

  return service;
}
