import { randomBytes, randomFillSync } from 'node:crypto';
import { TikhoError } from '../../../shared/errors';
import { createSerialQueue, type SerialQueue, nodeFileSystem, type FileSystem } from '../common';
import { createAttachmentStore, type AttachmentStore } from './attachmentStore';
import { openFileRecordStore, type FileRecordStore } from './fileRecordStore';
import { KEY_BYTES, SLOT_BYTES } from './formatConstants';
import { createHeaderFile, type HeaderFile, type LiveHeader } from './headerFile';
import { deriveKek, deriveSubkeys } from './keyDerivation';
import { loadNotebook } from './notebook';
import { settleRotation } from './rotationSettle';
import { readSlotMap, type SlotMap } from './slotMap';
import { openSlots, type SlotRole, type VaultHeader } from './vaultHeader';
import { createVaultSession, type VaultSession } from './vaultSession';
import type { VaultServiceOptions } from './vaultServiceTypes';

/**
 * The state every part of the vault service shares: the open session (or none), the lifecycle
 * queue, the epochs an unlock in flight compares against, and the listeners. One object, so the
 * lifecycle (vaultUnlock.ts), slot changes (vaultSlotCommands.ts) and the facades
 * (vaultFacades.ts) can live in their own files and still see the same session.
 */
export interface VaultCore {
  readonly options: VaultServiceOptions;
  readonly dir: string;
  readonly fs: FileSystem;
  readonly clock: () => number;
  readonly random: (n: number) => Buffer;
  readonly headers: HeaderFile;
  /** Lifecycle operations (create, unlock, lock, header rewrites, rotation) never interleave. */
  readonly serial: SerialQueue['run'];
  readonly lockListeners: Set<() => void>;
  readonly headerListeners: Set<() => void>;
  state: Unlocked | null;
  /** Bumped synchronously by lock() and destroyKeyMaterial(), before they queue or await anything. */
  lockEpoch: number;
  destroyEpoch: number;
  /** A rotation copies the store: a write landing in the old generation after its copy would be lost. */
  rotating: boolean;
}

export interface Unlocked {
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

export type LoadedNotebook = Awaited<ReturnType<typeof loadNotebook>>;

/** Largest attachment accepted by default, bytes. */
const DEFAULT_MAX_ATTACHMENT_BYTES = 512 * 1024 * 1024;

export function createVaultCore(options: VaultServiceOptions): VaultCore {
  const fs = options.fs ?? nodeFileSystem;
  const random = options.random ?? ((n: number) => randomBytes(n));
  return {
    options,
    dir: options.dir,
    fs,
    clock: options.clock ?? Date.now,
    random,
    headers: createHeaderFile({ fs, dir: options.dir, random }),
    serial: createSerialQueue().run,
    lockListeners: new Set(),
    headerListeners: new Set(),
    state: null,
    lockEpoch: 0,
    destroyEpoch: 0,
    rotating: false,
  };
}

export function need(core: VaultCore): Unlocked {
  const s = core.state;
  if (!s || !s.session.isOpen()) throw new TikhoError('vault/locked');
  return s;
}

export function needWritable(core: VaultCore): Unlocked {
  const s = need(core);
  if (core.rotating) throw new TikhoError('vault/busy');
  return s;
}

export function secretKey(): Buffer {
  // Buffer.alloc, not the shared pool, so fill(0) wipes exactly this key.
  const b = Buffer.alloc(KEY_BYTES);
  randomFillSync(b);
  return b;
}

/** Ids of notes and attachments: random, so an id tells nothing of when or what. */
export function newId(core: VaultCore): string {
  return core.random(16).toString('hex');
}

/** Unused slots get fresh random bytes on every header write. */
export function randomSlot(core: VaultCore): Buffer {
  return core.random(SLOT_BYTES);
}

function tellAll(listeners: Set<() => void>): void {
  for (const l of listeners) {
    try {
      l();
    } catch {
      // A failing listener must not stop the others from hearing it.
    }
  }
}

export function notifyHeaderChange(core: VaultCore): void {
  tellAll(core.headerListeners);
}

export function notifyLocked(core: VaultCore): void {
  tellAll(core.lockListeners);
}

/** In place, both copies (headerFile.ts); then the lock-screen mirror is told. */
export async function writeSlots(core: VaultCore, s: Unlocked, slots: Buffer[]): Promise<void> {
  await core.headers.write(s.live, { ...s.live.state, slots });
  notifyHeaderChange(core);
}

export async function tryPassphrase(
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

export function openNotebook(
  core: VaultCore,
  store: FileRecordStore,
  attachments: AttachmentStore,
): Promise<LoadedNotebook> {
  return loadNotebook({
    store,
    clock: core.clock,
    newId: () => newId(core),
    onNoteDeleted: (id) => attachments.removeAllForNote(id),
  });
}

/** Opens the store, attachments and notes under `master`; on failure every key given is zeroed. */
export async function openUnlocked(
  core: VaultCore,
  live: LiveHeader,
  kek: Buffer,
  master: Buffer,
  role: SlotRole,
  slotIndex: number,
): Promise<Unlocked> {
  const { fs, dir, random, options } = core;
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
    const store = await openFileRecordStore({
      fs,
      dir,
      session,
      random,
      ...(options.logger ? { logger: options.logger } : {}),
    });
    const attachments = createAttachmentStore({
      fs,
      dir,
      session,
      records: store,
      random,
      clock: core.clock,
      newId: () => newId(core),
      maxBytes: options.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES,
      ...(options.gcmLane ? { gcm: options.gcmLane } : {}),
    });
    const notebook = await openNotebook(core, store, attachments);
    const slotMap = await readSlotMap(store);
    return { live, kek, session, store, notebook, attachments, slotIndex, role, slotMap };
  } catch (err) {
    session.wipe();
    kek.fill(0);
    live.headerKey.fill(0);
    throw err;
  }
}

/** Zeroes the session's keys, drops every decrypted cache, and tells the listeners. */
export function dropSession(core: VaultCore, s: Unlocked): void {
  s.session.wipe();
  s.kek.fill(0);
  s.live.headerKey.fill(0);
  s.store.wipe();
  s.notebook.dropCaches();
  core.state = null;
  notifyLocked(core);
}

export async function lockNow(core: VaultCore): Promise<void> {
  const s = core.state;
  if (!s) return;
  s.session.beginClose();
  try {
    // Keeps the next unlock to one summary read; a failure (disk full) only costs speed then.
    await s.notebook.persistSummary().catch(() => undefined);
    await s.store.flush();
  } finally {
    dropSession(core, s);
  }
}
