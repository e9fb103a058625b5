import { TikhoError } from '../../../shared/errors';
import { NONCE_PREFIX_BYTES } from './chunkedAead';
import { GCM_NONCE_BYTES, KEY_BYTES, SALT_BYTES, SLOT_BYTES } from './formatConstants';
import { nonceMask, plausibleKdf, xorInto } from './headerV2';
import type { KdfParams } from './kdfParams';
import { deriveKek, encodeParts, hkdf } from './keyDerivation';
import { openSlots, sealSlot, slotBinding, type SlotRole } from './vaultHeader';

/**
 * The preamble of a backup file, version 2 (docs/vault-format.md §Backup file). Like a format-2
 * header copy it has no magic, no version and no fixed byte: a fresh file nonce N, the Argon2id
 * salt and parameters masked with SHAKE256(N), one slot (fresh GCM nonce, ciphertext, tag) and the
 * STREAM nonce prefix. The slot wraps a fresh random root key, never the vault's master key, so a
 * backup carries nothing that opens the live vault. Why the same unkeyed mask as headerV2: the
 * parameters are needed BEFORE any key exists, and a key derived cheaply from the passphrase would
 * turn "are the unmasked parameters plausible?" into a free test of each guess.
 */
export const FILE_NONCE_BYTES = 32;
const MASKED_BYTES = SALT_BYTES + 12; // salt | m | t | p
const SLOT_OFFSET = FILE_NONCE_BYTES + MASKED_BYTES; // 60
const PREFIX_OFFSET = SLOT_OFFSET + SLOT_BYTES; // 124
export const PREAMBLE_V2_BYTES = PREFIX_OFFSET + NONCE_PREFIX_BYTES; // 131
/** Bytes of N that stand in for the vault id in the slot's binding (slotBinding's 16-byte field). */
const BINDING_ID_BYTES = 16;

const MASK_LABEL = 'tikho/v2/backup-mask';
const CONTENT_LABEL = 'tikho/v2/backup';
const STREAM_LABEL = 'tikho/v2/backup-stream';

/** What seals the one slot: a KEK with the salt and parameters it was derived with. */
export interface SlotSealer {
  kek: Buffer;
  salt: Buffer;
  kdf: KdfParams;
  role: SlotRole;
}

/** What the STREAM chunks need, for either version; `key` belongs to the caller, who zeroes it. */
export interface BackupStreamKeys {
  key: Buffer;
  prefix: Buffer;
  aad: Buffer;
  bodyOffset: number;
}

function masked(nonce: Buffer, salt: Buffer, kdf: KdfParams): Buffer {
  const out = Buffer.alloc(MASKED_BYTES);
  salt.copy(out, 0);
  out.writeUInt32BE(kdf.memoryKiB, SALT_BYTES);
  out.writeUInt32BE(kdf.iterations, SALT_BYTES + 4);
  out.writeUInt32BE(kdf.parallelism, SALT_BYTES + 8);
  xorInto(out, nonceMask(MASK_LABEL, nonce, MASKED_BYTES));
  return out;
}

function binding(nonce: Buffer, salt: Buffer, kdf: KdfParams): Buffer {
  return slotBinding({ vaultId: nonce.subarray(0, BINDING_ID_BYTES), salt, kdf });
}

function streamKeys(root: Buffer, preamble: Buffer): BackupStreamKeys {
  return {
    key: hkdf(root, encodeParts([CONTENT_LABEL, preamble.subarray(0, FILE_NONCE_BYTES)])),
    prefix: Buffer.from(preamble.subarray(PREFIX_OFFSET, PREAMBLE_V2_BYTES)),
    aad: Buffer.concat([encodeParts([STREAM_LABEL]), preamble]),
    bodyOffset: PREAMBLE_V2_BYTES,
  };
}

/** A new preamble and its stream keys. The sealer's KEK is only read. */
export function sealPreambleV2(
  sealer: SlotSealer,
  random: (n: number) => Buffer,
): { preamble: Buffer } & BackupStreamKeys {
  const nonce = Buffer.from(random(FILE_NONCE_BYTES));
  const root = Buffer.alloc(KEY_BYTES);
  random(KEY_BYTES).copy(root);
  try {
    const fixed = binding(nonce, sealer.salt, sealer.kdf);
    const slot = sealSlot(sealer.kek, fixed, 0, sealer.role, root, random(GCM_NONCE_BYTES));
    const preamble = Buffer.concat([
      nonce,
      masked(nonce, sealer.salt, sealer.kdf),
      slot,
      random(NONCE_PREFIX_BYTES),
    ]);
    return { preamble, ...streamKeys(root, preamble) };
  } finally {
    root.fill(0);
  }
}

/** Salt and parameters under the mask; null when the parameters are not plausible (not a v2 backup, or damaged). */
export function unmaskPreambleV2(preamble: Buffer): { salt: Buffer; kdf: KdfParams } | null {
  if (preamble.length !== PREAMBLE_V2_BYTES) return null;
  const nonce = preamble.subarray(0, FILE_NONCE_BYTES);
  const plain = Buffer.from(preamble.subarray(FILE_NONCE_BYTES, SLOT_OFFSET));
  xorInto(plain, nonceMask(MASK_LABEL, nonce, MASKED_BYTES));
  const kdf: KdfParams = {
    memoryKiB: plain.readUInt32BE(SALT_BYTES),
    iterations: plain.readUInt32BE(SALT_BYTES + 4),
    parallelism: plain.readUInt32BE(SALT_BYTES + 8),
  };
  return plausibleKdf(kdf) ? { salt: Buffer.from(plain.subarray(0, SALT_BYTES)), kdf } : null;
}

/**
 * One Argon2id run and one slot trial. Implausible parameters are refused before any derivation
 * (vault/backup-damaged: random bytes, a file that is not a backup, a changed parameter byte), so
 * a damaged file never costs an absurd derivation. A slot that does not open is a wrong passphrase:
 * with no unkeyed checksum, a changed slot byte cannot be told from one.
 */
export async function openPreambleV2(preamble: Buffer, passphrase: string): Promise<BackupStreamKeys> {
  const params = unmaskPreambleV2(preamble);
  if (!params) throw new TikhoError('vault/backup-damaged');
  const nonce = preamble.subarray(0, FILE_NONCE_BYTES);
  const kek = await deriveKek(passphrase, params.salt, params.kdf);
  const slot = Buffer.from(preamble.subarray(SLOT_OFFSET, PREFIX_OFFSET));
  const opened = openSlots(kek, {
    vaultId: Buffer.from(nonce.subarray(0, BINDING_ID_BYTES)),
    salt: params.salt,
    kdf: params.kdf,
    slots: [slot],
  });
  kek.fill(0);
  // A backup never holds a duress slot; refused all the same, as in version 1.
  if (!opened || opened.role === 'duress') {
    opened?.master.fill(0);
    throw new TikhoError('vault/wrong-passphrase');
  }
  try {
    return streamKeys(opened.master, preamble);
  } finally {
    opened.master.fill(0);
  }
}
