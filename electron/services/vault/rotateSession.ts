import { randomFillSync } from 'node:crypto';
import type { AttachmentStore } from './attachmentStore';
import type { FileRecordStore } from './fileRecordStore';
import { GCM_NONCE_BYTES, KEY_BYTES, SLOT_BYTES } from './formatConstants';
import type { GcmLane } from './gcmLane';
import type { HeaderFile, LiveHeader } from './headerFile';
import type { KdfParams } from './kdfParams';
import { deriveHeaderKey, openCopyBody, type HeaderState } from './headerV2';
import { deriveKek, deriveSubkeys } from './keyDerivation';
import { rotateMasterKey, type RotationProgress } from './keyRotation';
import type { RotationStage } from './rotationSettle';
import { readSlotMap, type SlotMap } from './slotMap';
import { sealSlot, slotBinding } from './vaultHeader';
import { createVaultSession, type VaultSession } from './vaultSession';
import { type FileSystem } from '../common';

export interface RotateSessionDeps {
  fs: FileSystem;
  dir: string;
  random: (n: number) => Buffer;
  clock: () => number;
  headers: HeaderFile;
  gcmLane?: GcmLane;
  onStage?: (stage: RotationStage) => Promise<void> | void;
  /** A fresh recovery secret and the digit groups shown for it (vaultService owns the format). */
  newRecoveryCode: () => { secret: string; shown: string[] };
  /** Collection and id of the slot map record, which changes with the rotation. */
  slotMapAddress: { collection: string; id: string };
}

/**
 * What the rotation does besides the new master key. `recovery`: a recovery code, if there is one,
 * is replaced by a new one (its old words wrapped the old key and are not typed here) or dropped.
 * `kdf`: the header moves to these Argon2id parameters and a fresh salt (a passphrase change on a
 * computer calibrated stronger); only without a duress slot, which binds the old ones and whose
 * passphrase is not typed here. The primary KEK given to rotateSession must match them.
 */
export interface RotationPlan {
  recovery: 'replace' | 'drop';
  kdf?: { params: KdfParams; salt: Buffer };
}

export interface RotatedSession {
  map: SlotMap;
  /** The new master key, for the caller's new session (which owns and zeroes it). */
  master: Buffer;
  recoveryCode: string[] | null;
}

/**
 * The rotated header state: same vault id; salt and KDF parameters kept unless the plan moves
 * them (the duress slot binds them and wraps a key that opens nothing, so it is kept as it is);
 * the new master key under the primary slot and a NEW recovery code's slot (the old code wraps
 * the old key), every other slot fresh random bytes.
 */
function rotatedState(
  live: LiveHeader,
  map: SlotMap,
  master: Buffer,
  keks: { primary: Buffer; recovery: Buffer | null },
  random: (n: number) => Buffer,
  kdf: RotationPlan['kdf'],
): Omit<HeaderState, 'generation'> {
  if (kdf && map.duress !== null) throw new Error('a KDF change would orphan the duress slot');
  const header = kdf ? { ...live.state, kdf: { ...kdf.params }, salt: Buffer.from(kdf.salt) } : live.state;
  const fixed = slotBinding(header);
  const slots = header.slots.map((old, i) => {
    if (i === map.primary)
      return sealSlot(keks.primary, fixed, i, 'primary', master, random(GCM_NONCE_BYTES));
    if (keks.recovery && i === map.recovery)
      return sealSlot(keks.recovery, fixed, i, 'recovery', master, random(GCM_NONCE_BYTES));
    if (i === map.duress) return old;
    return random(SLOT_BYTES);
  });
  return { ...header, slots };
}

/**
 * Runs a rotation to its commit: new master key, every record and attachment re-encrypted under
 * it, then the header written in place under the new header key (THE commit point). Returns once
 * the new header is on disk; the caller then zeroes the old session and opens the new one, whose
 * unlock-time settle shreds the old generation's files.
 */
export async function rotateSession(
  deps: RotateSessionDeps,
  s: { live: LiveHeader; session: VaultSession; store: FileRecordStore; attachments: AttachmentStore },
  kek: Buffer,
  plan: RotationPlan,
  onProgress?: (p: RotationProgress) => void,
): Promise<RotatedSession> {
  const before = await readSlotMap(s.store);
  const map: SlotMap = plan.recovery === 'drop' ? { ...before, recovery: null } : before;
  const header = s.live.state;
  const salt = plan.kdf?.salt ?? header.salt;
  const params = plan.kdf?.params ?? header.kdf;
  // Buffer.alloc, not the shared pool, so fill(0) wipes exactly this key.
  const master = Buffer.alloc(KEY_BYTES);
  randomFillSync(master);
  const code = map.recovery !== null ? deps.newRecoveryCode() : null;
  const recoveryKek = code ? await deriveKek(code.secret, salt, params) : null;
  const next = rotatedState(
    s.live,
    map,
    master,
    { primary: kek, recovery: recoveryKek },
    deps.random,
    plan.kdf,
  );
  recoveryKek?.fill(0);
  const headerKey = deriveHeaderKey(master, header.vaultId);
  // The writer gets its own copy: wiping it must not zero the key the new session keeps.
  const writerMaster = Buffer.from(master);
  const writer = createVaultSession(
    header.vaultId,
    writerMaster,
    deriveSubkeys(writerMaster, header.vaultId),
    s.session.role,
  );
  const { collection, id } = deps.slotMapAddress;
  const oldHeaderKey = s.live.headerKey;
  try {
    await rotateMasterKey({
      fs: deps.fs,
      dir: deps.dir,
      random: deps.random,
      clock: deps.clock,
      ...(deps.gcmLane ? { gcmLane: deps.gcmLane } : {}),
      old: { session: s.session, store: s.store, attachments: s.attachments },
      next: writer,
      replace: new Map([[collection, new Map([[id, Buffer.from(JSON.stringify(map))]])]]),
      commitHeader: () => deps.headers.write(s.live, next, headerKey),
      headerIsNew: async () => {
        const sources = await deps.headers.read();
        return sources.copies.some((c) => openCopyBody(c, headerKey) !== null);
      },
      ...(onProgress ? { onProgress } : {}),
      ...(deps.onStage ? { onStage: deps.onStage } : {}),
    });
  } catch (err) {
    master.fill(0);
    if (s.live.headerKey !== headerKey) headerKey.fill(0);
    throw err;
  } finally {
    writer.wipe();
  }
  if (s.live.headerKey !== headerKey) s.live.headerKey = headerKey; // committed, the write threw
  oldHeaderKey.fill(0);
  // Committed although the second copy's write failed: that copy still holds the old state, which
  // opens with the old passphrase. Retried here; if the disk refuses again, the next unlock with
  // the new passphrase does it (headerFile settle) — the window is documented in vault-format.md.
  await deps.headers.bringInStep(s.live).catch(() => undefined);
  return { map, master, recoveryCode: code?.shown ?? null };
}
