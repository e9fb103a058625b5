import { TikhoError } from '../../../shared/errors';
import { openGcm, sealGcm } from './aead';
import { encodeParts } from './keyDerivation';
import { GCM_NONCE_BYTES, RECORD_FILE_VERSION } from './formatConstants';
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

export interface OpenedRecord {
  revision: number;
  data: Buffer;
}

/** Throws vault/record-damaged for anything that does not authenticate or parse. */
export function openRecord(key: Buffer, aad: Buffer, file: Buffer): OpenedRecord {
  if (file.length < 2 + GCM_NONCE_BYTES || file.readUInt16BE(0) !== RECORD_FILE_VERSION) {
    throw new TikhoError('vault/record-damaged');
  }
  const inner = openGcm(key, file.subarray(2), aad);
  if (!inner || inner.length < INNER_HEADER) throw new TikhoError('vault/record-damaged');
  const revision = inner.readUInt32BE(0);
  const length = inner.readUInt32BE(4);
  if (INNER_HEADER + length > inner.length) throw new TikhoError('vault/record-damaged');
  // A view, not a copy: the caller zeroes `data`; the rest of `inner` is the clear revision and
  // length and the zero padding, so nothing secret is left behind un-zeroed.
  return { revision, data: inner.subarray(INNER_HEADER, INNER_HEADER + length) };
}
