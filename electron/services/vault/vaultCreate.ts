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
 * A new vault in an empty folder, left unlocked: folders, an empty manifest and the slot map
 * first, the header last — until it exists the folder is not a vault and create() may run again.
 * Runs inside the lifecycle queue; the caller has checked the passphrase and the KDF parameters.
 */
export async function createVault(
  core: VaultCore,
  passphrase: string,
  kdf: KdfParams,
  withRecoveryCode: boolean,
): Promise<{ recoveryCode: string[] | null }> {
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
  const base = { vaultId, kdf: { ...kdf }, salt };
  const fixed = slotBinding(base);
  const order = shuffledSlotIndices(random);
  const primary = order[0] ?? 0;
  const recoveryIndex = withRecoveryCode ? (order[1] ?? 1) : null;
  const slots = Array.from({ length: SLOT_COUNT }, () => randomSlot(core));
  let recoveryCode: string[] | null = null;
  const kek = await deriveKek(passphrase, salt, kdf);
  slots[primary] = sealSlot(kek, fixed, primary, 'primary', master, random(GCM_NONCE_BYTES));
  if (recoveryIndex !== null) {
    const code = newRecoveryCode();
    recoveryCode = formatGroups(code);
    const rkek = await deriveKek(code, salt, kdf);
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
  return { recoveryCode };
}
