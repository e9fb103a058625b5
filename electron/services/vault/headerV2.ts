import { createHash } from 'node:crypto';
import { openGcm, sealGcm } from './aead';
import {
  FORMAT_VERSION,
  GCM_NONCE_BYTES,
  GCM_TAG_BYTES,
  SALT_BYTES,
  SLOT_BYTES,
  SLOT_COUNT,
  VAULT_ID_BYTES,
} from './formatConstants';
import { assertKdfParams, type KdfParams } from './kdfParams';
import { encodeParts, hkdf } from './keyDerivation';
import type { CopyIndex } from './inPlaceFile';

/**
 * One copy of a format-2 header (docs/vault-format.md §Header, version 2). Nothing in it is fixed:
 * a fresh copy nonce masks the KDF inputs and the slots, a fresh body nonce seals the counters, and
 * the whole copy is authenticated under the header key (from the master key). So without a
 * passphrase every byte looks random, and no two copies or vaults share a pattern.
 */
export const COPY_NONCE_BYTES = 32;
const BINDING_BYTES = VAULT_ID_BYTES + SALT_BYTES + 12; // vault id | salt | m | t | p
const MASKED_BYTES = BINDING_BYTES + SLOT_COUNT * SLOT_BYTES; // 300
const BODY_PLAIN_BYTES = 48;
export const BODY_OFFSET = COPY_NONCE_BYTES + MASKED_BYTES; // 332
export const HEADER_COPY_BYTES = BODY_OFFSET + GCM_NONCE_BYTES + BODY_PLAIN_BYTES + GCM_TAG_BYTES; // 408

const MASK_LABEL = 'tikho/v2/header-mask';
const BODY_LABEL = 'tikho/v2/header-body';
const HEADER_KEY_LABEL = 'tikho/v2/header';

/** Everything a copy holds, unmasked. `slots` are the sealed 64-byte slots (vaultHeader.ts). */
export interface HeaderState {
  vaultId: Buffer;
  kdf: KdfParams;
  salt: Buffer;
  slots: Buffer[];
  /** Decides A vs B: higher wins. Odd = the first of a header change's two writes (see headerFile.ts). */
  generation: bigint;
  /** Rollback anchor for the manifest (helper E): rewritten in place with the header. */
  manifestGeneration: bigint;
  /** Must be 0 in format 2; authenticated like every other byte. */
  flags: number;
}

/** What can be read of a copy before any key: masked fields undone, plausibility checked. */
export interface CopyCandidate {
  index: CopyIndex;
  vaultId: Buffer;
  kdf: KdfParams;
  salt: Buffer;
  slots: Buffer[];
  bytes: Buffer;
}

/**
 * SHAKE256 of a per-write nonce under a label: undoes nothing without the nonce, and the nonce is
 * per write. Also masks a backup's preamble (backupPreambleV2.ts), under its own label.
 */
export function nonceMask(label: string, nonce: Uint8Array, length: number): Buffer {
  return createHash('shake256', { outputLength: length })
    .update(encodeParts([label, nonce]))
    .digest();
}

function maskFor(copyNonce: Uint8Array): Buffer {
  return nonceMask(MASK_LABEL, copyNonce, MASKED_BYTES);
}

export function xorInto(target: Buffer, mask: Buffer): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] ?? 0) ^ (mask[i] ?? 0);
}

/** Header key: authenticates and seals every copy; derived from the master key, never stored. */
export function deriveHeaderKey(master: Buffer, vaultId: Buffer): Buffer {
  return hkdf(master, encodeParts([HEADER_KEY_LABEL, vaultId]));
}

function bodyAad(index: CopyIndex, front: Uint8Array): Buffer {
  return Buffer.concat([encodeParts([BODY_LABEL]), Buffer.from([index]), front]);
}

/**
 * Encodes one copy. `copyNonce` (32 B) and `bodyNonce` (12 B) must be fresh random bytes for
 * every write; unused slots must already be fresh random bytes in `state.slots`.
 */
export function encodeCopy(
  state: HeaderState,
  headerKey: Buffer,
  index: CopyIndex,
  copyNonce: Buffer,
  bodyNonce: Buffer,
): Buffer {
  if (copyNonce.length !== COPY_NONCE_BYTES || bodyNonce.length !== GCM_NONCE_BYTES) {
    throw new RangeError('header nonce size');
  }
  if (state.slots.length !== SLOT_COUNT || state.slots.some((s) => s.length !== SLOT_BYTES)) {
    throw new RangeError('header slot size');
  }
  const masked = Buffer.alloc(MASKED_BYTES);
  state.vaultId.copy(masked, 0);
  state.salt.copy(masked, VAULT_ID_BYTES);
  const p = VAULT_ID_BYTES + SALT_BYTES;
  masked.writeUInt32BE(state.kdf.memoryKiB, p);
  masked.writeUInt32BE(state.kdf.iterations, p + 4);
  masked.writeUInt32BE(state.kdf.parallelism, p + 8);
  state.slots.forEach((s, i) => s.copy(masked, BINDING_BYTES + i * SLOT_BYTES));
  xorInto(masked, maskFor(copyNonce));
  const front = Buffer.concat([copyNonce, masked]);
  const body = Buffer.alloc(BODY_PLAIN_BYTES);
  body.writeUInt16BE(FORMAT_VERSION, 0);
  body.writeUInt16BE(state.flags, 2);
  body.writeBigUInt64BE(state.generation, 4);
  body.writeBigUInt64BE(state.manifestGeneration, 12);
  const sealed = sealGcm(headerKey, bodyNonce, body, bodyAad(index, front));
  return Buffer.concat([front, sealed]);
}

/** Whether parameters read from masked bytes can be tried (assertKdfParams, without the throw). */
export function plausibleKdf(kdf: KdfParams): boolean {
  try {
    assertKdfParams(kdf);
    return true;
  } catch {
    return false;
  }
}

/**
 * Unmasks a copy. Null when its KDF parameters are not plausible (random bytes, a destroyed or
 * damaged copy): refused before any derivation, so a damaged copy never costs an Argon2id run of
 * absurd size and a header edited to cheap parameters is not an oracle.
 */
export function unmaskCopy(bytes: Buffer, index: CopyIndex): CopyCandidate | null {
  if (bytes.length !== HEADER_COPY_BYTES) return null;
  const masked = Buffer.from(bytes.subarray(COPY_NONCE_BYTES, BODY_OFFSET));
  xorInto(masked, maskFor(bytes.subarray(0, COPY_NONCE_BYTES)));
  const p = VAULT_ID_BYTES + SALT_BYTES;
  const kdf: KdfParams = {
    memoryKiB: masked.readUInt32BE(p),
    iterations: masked.readUInt32BE(p + 4),
    parallelism: masked.readUInt32BE(p + 8),
  };
  if (!plausibleKdf(kdf)) return null;
  const slots = Array.from({ length: SLOT_COUNT }, (_, i) =>
    Buffer.from(masked.subarray(BINDING_BYTES + i * SLOT_BYTES, BINDING_BYTES + (i + 1) * SLOT_BYTES)),
  );
  return {
    index,
    vaultId: Buffer.from(masked.subarray(0, VAULT_ID_BYTES)),
    salt: Buffer.from(masked.subarray(VAULT_ID_BYTES, p)),
    kdf,
    slots,
    bytes,
  };
}

/** Opens the body with the header key; null when any byte of the copy was changed. */
export function openCopyBody(
  candidate: CopyCandidate,
  headerKey: Buffer,
): Pick<HeaderState, 'generation' | 'manifestGeneration' | 'flags'> | null {
  const front = candidate.bytes.subarray(0, BODY_OFFSET);
  const plain = openGcm(headerKey, candidate.bytes.subarray(BODY_OFFSET), bodyAad(candidate.index, front));
  if (!plain || plain.length !== BODY_PLAIN_BYTES) return null;
  // Version and flags are authenticated, so anything but (2, 0) is a build that wrote a layout
  // this one does not know, not damage.
  if (plain.readUInt16BE(0) !== FORMAT_VERSION || plain.readUInt16BE(2) !== 0) return null;
  if (!plain.subarray(20).equals(Buffer.alloc(BODY_PLAIN_BYTES - 20))) return null;
  return {
    flags: 0,
    generation: plain.readBigUInt64BE(4),
    manifestGeneration: plain.readBigUInt64BE(12),
  };
}
