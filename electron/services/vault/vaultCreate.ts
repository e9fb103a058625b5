import { join } from 'node:path';
import { formatGroups } from '../../../shared/recoveryCode';
import { openFileRecordStore, writeEmptyManifest } from './fileRecordStore';
import {
  ATTACHMENTS_DIR,
  GCM_NONCE_BYTES,
  KEY_BYTES,
  RECORDS_DIR,
  SALT_BYTES,
  SLOT_COUNT,
  VAULT_ID_BYTES,
} from './formatConstants';
import type { LiveHeader } from './headerFile';
import { deriveHeaderKey } from './headerV2';
import type { KdfParams } from './kdfParams';
import { deriveKek, deriveSubkeys } from './keyDerivation';
import { newRecoveryCode } from './recoveryCode';
import { writeSlotMap } from './slotMap';
import { sealSlot, slotBinding } from './vaultHeader';
import { createVaultSession } from './vaultSession';
import { lockNow, openUnlocked, randomSlot, secretKey, type VaultCore } from './vaultCore';
import { shuffledSlotIndices } from './vaultSlotOps';
import { DIR_MODE, syncFolder } from '../common';
import { toWriteError } from './writeError';

/**
 * Everything a new vault's header holds before any slot is sealed: its id, salt and parameters,
 * a fresh master key, the slot indices its roles will take, and four slots of random bytes (what
 * every unused slot holds). A real create seals some of them; a sealed one (vaultSealed.ts) keeps
 * them all random.
 */
export interface NewVaultPlan {
  vaultId: Buffer;
  salt: Buffer;
  kdf: KdfParams;
  master: Buffer;
  /** The 64 bytes every slot is bound to (docs/vault-format.md §Header, version 2). */
  binding: Buffer;
  primary: number;
  recoveryIndex: number | null;
  slots: Buffer[];
}

/** Locks any open session, makes the folders and draws the plan. */
export async function planNewVault(
  core: VaultCore,
  kdf: KdfParams,
  withRecoveryCode: boolean,
): Promise<NewVaultPlan> {
  const { fs, dir, random } = core;
  await lockNow(core);
  try {
    await fs.mkdir(join(dir, RECORDS_DIR), { recursive: true, mode: DIR_MODE });
    await fs.mkdir(join(dir, ATTACHMENTS_DIR), { recursive: true, mode: DIR_MODE });
  } catch (err) {
    throw toWriteError(err);
  }
  const vaultId = Buffer.from(random(VAULT_ID_BYTES));
  const salt = Buffer.from(random(SALT_BYTES));
  const master = secretKey();
  const binding = slotBinding({ vaultId, kdf: { ...kdf }, salt });
  const order = shuffledSlotIndices(random);
  const primary = order[0] ?? 0;
  const recoveryIndex = withRecoveryCode ? (order[1] ?? 1) : null;
  const slots = Array.from({ length: SLOT_COUNT }, () => randomSlot(core));
  return { vaultId, salt, kdf: { ...kdf }, master, binding, primary, recoveryIndex, slots };
}

/**
 * Writes the planned vault, header last — until it exists the folder is not a vault and create()
 * may run again — and leaves it unlocked as primary. `kek` becomes the session's KEK (a backup's
 * slot is sealed with it).
 */
export async function writeNewVault(core: VaultCore, plan: NewVaultPlan, kek: Buffer): Promise<void> {
  const { fs, dir, random } = core;
  const { vaultId, master, primary, recoveryIndex } = plan;
  const headerState = {
    vaultId,
    kdf: plan.kdf,
    salt: plan.salt,
    slots: plan.slots,
    generation: 0n,
    manifestGeneration: 0n,
    flags: 0,
  };
  // The set-up session gets its own copy: wiping it must not zero the key we keep.
  const setupMaster = Buffer.alloc(KEY_BYTES);
  master.copy(setupMaster);
  const session = createVaultSession(vaultId, setupMaster, deriveSubkeys(setupMaster, vaultId), 'primary');
  let live: LiveHeader;
  try {
    await writeEmptyManifest({ fs, dir, session, random });
    const store = await openFileRecordStore({ fs, dir, session, random });
    await writeSlotMap(store, { primary, recovery: recoveryIndex, duress: null });
    await store.flush();
    live = await core.headers.create(headerState, deriveHeaderKey(master, vaultId));
    await syncFolder(fs, dir).catch(() => undefined);
  } catch (err) {
    kek.fill(0);
    throw err;
  } finally {
    session.wipe();
  }
  core.state = await openUnlocked(core, live, kek, master, 'primary', primary);
}

/**
 * A new vault in an empty folder, left unlocked, opened by `passphrase` (and by a recovery code
 * when asked). Runs inside the lifecycle queue; the caller has checked the passphrase and the KDF
 * parameters.
 */
export async function createVault(
  core: VaultCore,
  passphrase: string,
  kdf: KdfParams,
  withRecoveryCode: boolean,
): Promise<{ recoveryCode: string[] | null }> {
  const { random } = core;
  const plan = await planNewVault(core, kdf, withRecoveryCode);
  const { salt, master, binding, primary, recoveryIndex, slots } = plan;
  let recoveryCode: string[] | null = null;
  const kek = await deriveKek(passphrase, salt, kdf);
  slots[primary] = sealSlot(kek, binding, primary, 'primary', master, random(GCM_NONCE_BYTES));
  if (recoveryIndex !== null) {
    const code = newRecoveryCode();
    recoveryCode = formatGroups(code);
    const rkek = await deriveKek(code, salt, kdf);
    try {
      slots[recoveryIndex] = sealSlot(
        rkek,
        binding,
        recoveryIndex,
        'recovery',
        master,
        random(GCM_NONCE_BYTES),
      );
    } finally {
      rkek.fill(0);
    }
  }
  await writeNewVault(core, plan, kek);
  return { recoveryCode };
}
