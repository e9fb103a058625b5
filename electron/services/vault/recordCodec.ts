import { TikhoError } from '../../../shared/errors';
import { openGcm, sealGcm } from './aead';
import { encodeParts, hkdfExpand32 } from './keyDerivation';
import { GCM_NONCE_BYTES, GCM_TAG_BYTES, RECORD_FILE_VERSION } from './formatConstants';
import { paddedLength } from './padding';

/**
 * One record file: version u16 | nonce 12 | AES-256-GCM(revision u32 | length u32 | data | zero pad) | tag 16.
 * AAD = "tikho/v1/record" || format version || vault id || collection || id (length-prefixed), so a
 * file copied to another id, collection or vault fails authentication. The revision is inside the
 * ciphertext (authenticated just the same) rather than in clear, so the file does not tell how
 * often a note was edited; the manifest holds the expected revision.
 */
const INNER_HEADER = 8;

const AAD_LABEL = (() => {
  const version = Buffer.alloc(2);
  version.writeUInt16BE(RECORD_FILE_VERSION);
  return Buffer.concat([encodeParts(['tikho/v1/record']), version]);
})();

export function recordAad(vaultId: Buffer, collection: string, id: string): Buffer {
  return Buffer.concat([AAD_LABEL, encodeParts([vaultId, collection, id])]);
}

export function sealRecord(
  key: Buffer,
  nonce: Buffer,
  aad: Buffer,
  revision: number,
  data: Uint8Array,
): Buffer {
  const inner = Buffer.alloc(paddedLength(INNER_HEADER + data.length));
  inner.writeUInt32BE(revision, 0);
  inner.writeUInt32BE(data.length, 4);
  inner.set(data, INNER_HEADER);
  const version = Buffer.alloc(2);
  version.writeUInt16BE(RECORD_FILE_VERSION);
  try {
    return Buffer.concat([version, sealGcm(key, nonce, inner, aad)]);
  } finally {
    inner.fill(0);
  }
}

/**
 * Version 2 adds, before the version-1 body, an address box: nonce 12 | AES-256-GCM(address key,
 * collection ‖ id length-prefixed, zero-padded to a fixed 296 bytes) | tag 16, AAD "tikho/v1/
 * record-address" ‖ vault id. The record's own key is derived from its address, so without the
 * box a record file cannot be opened unless its address is already known; with it, a lost
 * manifest can be rebuilt from the files (manifestRecovery.ts). Fixed size: the box does not tell
 * how long an id is. The body and its AAD are exactly version 1's.
 */
export const RECORD_FILE_VERSION_ADDRESSED = 2;
const ADDRESS_PLAIN_BYTES = 4 + 32 + 4 + 256;
export const ADDRESS_BOX_BYTES = GCM_NONCE_BYTES + ADDRESS_PLAIN_BYTES + GCM_TAG_BYTES;

/** Address-box key: HKDF-Expand(prk, "tikho/v1/record-address" ‖ vault id). */
export function addressKey(prk: Buffer, vaultId: Buffer): Buffer {
  return hkdfExpand32(prk, encodeParts(['tikho/v1/record-address', vaultId]));
}

const addressAad = (vaultId: Buffer): Buffer => encodeParts(['tikho/v1/record-address', vaultId]);

export interface AddressBox {
  key: Buffer;
  nonce: Buffer;
  vaultId: Buffer;
  collection: string;
  id: string;
}

/** sealRecord with the address box in front (format version 2). */
export function sealAddressedRecord(
  key: Buffer,
  nonce: Buffer,
  aad: Buffer,
  revision: number,
  data: Uint8Array,
  address: AddressBox,
): Buffer {
  const parts = encodeParts([address.collection, address.id]);
  if (parts.length > ADDRESS_PLAIN_BYTES) throw new TikhoError('vault/invalid-record-address');
  const plain = Buffer.alloc(ADDRESS_PLAIN_BYTES);
  parts.copy(plain);
  const box = sealGcm(address.key, address.nonce, plain, addressAad(address.vaultId));
  const body = sealRecord(key, nonce, aad, revision, data);
  body.writeUInt16BE(RECORD_FILE_VERSION_ADDRESSED, 0);
  return Buffer.concat([body.subarray(0, 2), box, body.subarray(2)]);
}

/** The address a version-2 file claims, or null (version 1, or the box does not authenticate). */
export function openRecordAddress(
  key: Buffer,
  vaultId: Buffer,
  file: Buffer,
): { collection: string; id: string } | null {
  if (file.length < 2 + ADDRESS_BOX_BYTES || file.readUInt16BE(0) !== RECORD_FILE_VERSION_ADDRESSED)
    return null;
  const plain = openGcm(key, file.subarray(2, 2 + ADDRESS_BOX_BYTES), addressAad(vaultId));
  if (!plain) return null;
  const cLen = plain.readUInt32BE(0);
  if (cLen > 32 || 8 + cLen > plain.length) return null;
  const idLen = plain.readUInt32BE(4 + cLen);
  if (idLen < 1 || idLen > 256 || 8 + cLen + idLen > plain.length) return null;
  return {
    collection: plain.toString('utf8', 4, 4 + cLen),
    id: plain.toString('utf8', 8 + cLen, 8 + cLen + idLen),
  };
}

export interface OpenedRecord {
  revision: number;
  data: Buffer;
}

/** Throws vault/record-damaged for anything that does not authenticate or parse. */
export function openRecord(key: Buffer, aad: Buffer, file: Buffer): OpenedRecord {
  const version = file.length >= 2 ? file.readUInt16BE(0) : 0;
  const skip = version === RECORD_FILE_VERSION_ADDRESSED ? ADDRESS_BOX_BYTES : 0;
  if (
    (version !== RECORD_FILE_VERSION && version !== RECORD_FILE_VERSION_ADDRESSED) ||
    file.length < 2 + skip + GCM_NONCE_BYTES
  ) {
    throw new TikhoError('vault/record-damaged');
  }
  const inner = openGcm(key, file.subarray(2 + skip), aad);
  if (!inner || inner.length < INNER_HEADER) throw new TikhoError('vault/record-damaged');
  const revision = inner.readUInt32BE(0);
  const length = inner.readUInt32BE(4);
  if (INNER_HEADER + length > inner.length) throw new TikhoError('vault/record-damaged');
  // A view, not a copy: the caller zeroes `data`; the rest of `inner` is the clear revision and
  // length and the zero padding, so nothing secret is left behind un-zeroed.
  return { revision, data: inner.subarray(INNER_HEADER, INNER_HEADER + length) };
}
