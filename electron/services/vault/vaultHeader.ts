import { createHash, timingSafeEqual } from 'node:crypto';
import { TikhoError } from '../../../shared/errors';
import { openGcm, sealGcm } from './aead';
import {
  ARGON2_VERSION,
  FORMAT_VERSION,
  V1_FORMAT_VERSION,
  GCM_NONCE_BYTES,
  HEADER_BYTES,
  HEADER_CHECKSUM_BYTES,
  HEADER_FIXED_BYTES,
  HEADER_MAGIC,
  KDF_ID_ARGON2ID,
  KEY_BYTES,
  SALT_BYTES,
  SLOT_BYTES,
  SLOT_COUNT,
  SLOT_PLAINTEXT_BYTES,
  VAULT_ID_BYTES,
} from './formatConstants';
import { assertKdfParams, type KdfParams } from './kdfParams';

export type SlotRole = 'primary' | 'recovery' | 'duress';
const ROLE_BYTE: Record<SlotRole, number> = { primary: 1, recovery: 2, duress: 3 };
const ROLE_OF_BYTE = new Map<number, SlotRole>([
  [1, 'primary'],
  [2, 'recovery'],
  [3, 'duress'],
]);

export interface VaultHeader {
  formatVersion: number;
  vaultId: Buffer;
  kdf: KdfParams;
  salt: Buffer;
  /** Exactly SLOT_COUNT sealed slots; an unused one is random bytes of the same size. */
  slots: Buffer[];
}

/**
 * Format-1 header codec (read for migration, and in a version-1 backup's header block) and the
 * slot AEAD of both formats.
 */

/** The 64 authenticated bytes every slot binds as AAD: a change to params or salt fails every slot. */
export function encodeHeaderFixed(
  h: Pick<VaultHeader, 'formatVersion' | 'vaultId' | 'kdf' | 'salt'>,
): Buffer {
  const b = Buffer.alloc(HEADER_FIXED_BYTES);
  HEADER_MAGIC.copy(b, 0);
  b.writeUInt16BE(h.formatVersion, 8);
  b.writeUInt16BE(0, 10); // flags
  h.vaultId.copy(b, 12);
  b.writeUInt8(KDF_ID_ARGON2ID, 28);
  b.writeUInt8(ARGON2_VERSION, 29);
  b.writeUInt32BE(h.kdf.memoryKiB, 32);
  b.writeUInt32BE(h.kdf.iterations, 36);
  b.writeUInt32BE(h.kdf.parallelism, 40);
  h.salt.copy(b, 44);
  b.writeUInt8(SLOT_COUNT, 60);
  return b;
}

/**
 * The AAD block of every slot in every format: the first 64 bytes of a format-1 header with
 * version 1. Format 2 never writes these bytes; it binds its slots to the same vault id, KDF
 * parameters and salt, so a format-1 slot moves into a format-2 header unchanged (migration
 * needs no passphrase but the one typed).
 */
export function slotBinding(h: Pick<VaultHeader, 'vaultId' | 'kdf' | 'salt'>): Buffer {
  return encodeHeaderFixed({ ...h, formatVersion: V1_FORMAT_VERSION });
}

export function encodeHeader(h: VaultHeader): Buffer {
  const body = Buffer.concat([encodeHeaderFixed(h), ...h.slots]);
  const checksum = createHash('sha256').update(body).digest();
  return Buffer.concat([body, checksum]);
}

/**
 * Parses and checks a header. The SHA-256 checksum only tells accidental damage (a flipped bit,
 * a truncated file, a crypto-shredded header) apart from a wrong passphrase; authenticity comes
 * from the slot AEAD, whose AAD is the whole fixed part.
 */
export function decodeHeader(bytes: Buffer): VaultHeader {
  if (bytes.length !== HEADER_BYTES) throw new TikhoError('vault/header-corrupt');
  const body = bytes.subarray(0, HEADER_BYTES - HEADER_CHECKSUM_BYTES);
  const expected = createHash('sha256').update(body).digest();
  if (!timingSafeEqual(expected, bytes.subarray(HEADER_BYTES - HEADER_CHECKSUM_BYTES))) {
    throw new TikhoError('vault/header-corrupt');
  }
  if (!bytes.subarray(0, 8).equals(HEADER_MAGIC)) throw new TikhoError('vault/header-corrupt');
  const formatVersion = bytes.readUInt16BE(8);
  if (formatVersion > FORMAT_VERSION) {
    throw new TikhoError('vault/unsupported-version', { version: formatVersion });
  }
  if (
    formatVersion !== V1_FORMAT_VERSION ||
    bytes.readUInt8(28) !== KDF_ID_ARGON2ID ||
    bytes.readUInt8(29) !== ARGON2_VERSION ||
    bytes.readUInt8(60) !== SLOT_COUNT
  ) {
    throw new TikhoError('vault/header-corrupt');
  }
  const kdf: KdfParams = {
    memoryKiB: bytes.readUInt32BE(32),
    iterations: bytes.readUInt32BE(36),
    parallelism: bytes.readUInt32BE(40),
  };
  assertKdfParams(kdf);
  const slots: Buffer[] = [];
  for (let i = 0; i < SLOT_COUNT; i++) {
    const start = HEADER_FIXED_BYTES + i * SLOT_BYTES;
    slots.push(Buffer.from(bytes.subarray(start, start + SLOT_BYTES)));
  }
  return {
    formatVersion,
    vaultId: Buffer.from(bytes.subarray(12, 12 + VAULT_ID_BYTES)),
    kdf,
    salt: Buffer.from(bytes.subarray(44, 44 + SALT_BYTES)),
    slots,
  };
}

function slotAad(fixed: Buffer, index: number): Buffer {
  return Buffer.concat([fixed, Buffer.from([index])]);
}

export function sealSlot(
  kek: Buffer,
  fixed: Buffer,
  index: number,
  role: SlotRole,
  master: Buffer,
  nonce: Buffer,
): Buffer {
  const plain = Buffer.alloc(SLOT_PLAINTEXT_BYTES);
  plain.writeUInt8(ROLE_BYTE[role], 0);
  master.copy(plain, 4);
  try {
    const sealed = sealGcm(kek, nonce, plain, slotAad(fixed, index));
    if (sealed.length !== SLOT_BYTES || nonce.length !== GCM_NONCE_BYTES) throw new Error('slot size');
    return sealed;
  } finally {
    plain.fill(0);
  }
}

export interface OpenedSlot {
  index: number;
  role: SlotRole;
  master: Buffer;
}

/**
 * Trial-decrypts EVERY slot with the one KEK, always all four, so the work done does not depend
 * on which slot (if any) matched or how many slots are in use. The first authentic slot wins;
 * other authentic matches (the same passphrase in two slots cannot be created) are zeroed.
 */
export function openSlots(
  kek: Buffer,
  header: Pick<VaultHeader, 'vaultId' | 'kdf' | 'salt' | 'slots'>,
): OpenedSlot | null {
  const fixed = slotBinding(header);
  let found: OpenedSlot | null = null;
  for (let i = 0; i < SLOT_COUNT; i++) {
    const slot = header.slots[i];
    if (!slot) continue;
    const plain = openGcm(kek, slot, slotAad(fixed, i));
    if (!plain) continue;
    const role = ROLE_OF_BYTE.get(plain.readUInt8(0));
    if (role && !found && plain.length === SLOT_PLAINTEXT_BYTES) {
      const master = Buffer.alloc(KEY_BYTES);
      plain.copy(master, 0, 4, 4 + KEY_BYTES);
      found = { index: i, role, master };
    }
    plain.fill(0);
  }
  return found;
}
