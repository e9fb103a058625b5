import {
  GCM_NONCE_BYTES,
  SLOT_BYTES,
  SLOT_COUNT,
  V1_FORMAT_VERSION,
  VAULT_ID_BYTES,
} from './formatConstants';
import type { HeaderState } from './headerV2';
import { encodeHeader, sealSlot, slotBinding, type SlotRole } from './vaultHeader';

/**
 * The header block of a backup made "with the vault's passphrase" (backup.ts, format-1 layout):
 * a FRESH block whose one slot wraps the master key under the KEK of the passphrase this session
 * was unlocked with. Why not a copy of the vault header (as before format 2): that copy carried
 * every slot, so the duress passphrase opened the backup too (issue 11 point 1). The vault's salt
 * and KDF parameters are kept (the KEK depends on them); the vault id is a fresh random one, so
 * the block does not name the vault it came from.
 */
export function backupHeaderBlock(
  kek: Buffer,
  state: Pick<HeaderState, 'kdf' | 'salt'>,
  role: SlotRole,
  master: Buffer,
  random: (n: number) => Buffer,
): Buffer {
  const base = {
    formatVersion: V1_FORMAT_VERSION,
    vaultId: random(VAULT_ID_BYTES),
    kdf: state.kdf,
    salt: state.salt,
  };
  const fixed = slotBinding(base);
  const index = random(1).readUInt8(0) % SLOT_COUNT;
  const slots = Array.from({ length: SLOT_COUNT }, (_, i) =>
    i === index ? sealSlot(kek, fixed, i, role, master, random(GCM_NONCE_BYTES)) : random(SLOT_BYTES),
  );
  return encodeHeader({ ...base, slots });
}
