import { TikhoError } from '../../../shared/errors';
import { openGcm, sealGcm } from './aead';
import { encodeParts } from './keyDerivation';
import { FORMAT_VERSION } from './formatConstants';
import { paddedLength } from './padding';

/**
 * The encrypted list of every record: collection, id, the revision the newest write had, and
 * whether it is a tombstone. It is what makes an older copy of a record file detectable
 * (revision lower than the manifest's) and a deleted one stay deleted.
 *
 * Flags: DELETED — tombstone kept forever so an old file put back is refused;
 * PENDING — written before the first file of a new record; if the file never arrived (crash), the
 * entry becomes a tombstone at the next open.
 */
export const ENTRY_DELETED = 1;
export const ENTRY_PENDING = 2;

export interface ManifestEntry {
  collection: string;
  id: string;
  revision: number;
  flags: number;
  /** Cached HMAC file name; not serialised. */
  fileName: string;
}

export function manifestAad(vaultId: Buffer): Buffer {
  const version = Buffer.alloc(2);
  version.writeUInt16BE(FORMAT_VERSION);
  return Buffer.concat([encodeParts(['tikho/v1/manifest']), version, vaultId]);
}

/** One pass, one allocation: at 10 000 entries the per-entry Buffers cost more than the cipher. */
export function encodeManifest(entries: Iterable<ManifestEntry>): Buffer {
  const list = Array.isArray(entries) ? (entries as ManifestEntry[]) : [...entries];
  let size = 4;
  for (const e of list) size += 1 + Buffer.byteLength(e.collection) + 2 + Buffer.byteLength(e.id) + 5;
  const out = Buffer.alloc(paddedLength(size));
  out.writeUInt32BE(list.length, 0);
  let o = 4;
  for (const e of list) {
    const cLen = out.write(e.collection, o + 1, 'utf8');
    out[o] = cLen;
    o += 1 + cLen;
    const idLen = out.write(e.id, o + 2, 'utf8');
    out.writeUInt16BE(idLen, o);
    o += 2 + idLen;
    o = out.writeUInt32BE(e.revision, o);
    o = out.writeUInt8(e.flags, o);
  }
  return out;
}

export function decodeManifest(plain: Buffer): Omit<ManifestEntry, 'fileName'>[] {
  const fail = (): never => {
    throw new TikhoError('vault/index-damaged');
  };
  if (plain.length < 4) fail();
  const count = plain.readUInt32BE(0);
  const entries: Omit<ManifestEntry, 'fileName'>[] = [];
  let o = 4;
  for (let i = 0; i < count; i++) {
    if (o + 1 > plain.length) fail();
    const cLen = plain.readUInt8(o);
    o += 1;
    if (o + cLen + 2 > plain.length) fail();
    const collection = plain.toString('utf8', o, o + cLen);
    o += cLen;
    const idLen = plain.readUInt16BE(o);
    o += 2;
    if (o + idLen + 5 > plain.length) fail();
    const id = plain.toString('utf8', o, o + idLen);
    o += idLen;
    const revision = plain.readUInt32BE(o);
    const flags = plain.readUInt8(o + 4);
    o += 5;
    entries.push({ collection, id, revision, flags });
  }
  return entries;
}

export function sealManifest(
  key: Buffer,
  nonce: Buffer,
  vaultId: Buffer,
  entries: Iterable<ManifestEntry>,
): Buffer {
  const plain = encodeManifest(entries);
  try {
    return sealGcm(key, nonce, plain, manifestAad(vaultId));
  } finally {
    plain.fill(0);
  }
}

export function openManifest(key: Buffer, vaultId: Buffer, file: Buffer): Omit<ManifestEntry, 'fileName'>[] {
  const plain = openGcm(key, file, manifestAad(vaultId));
  if (!plain) throw new TikhoError('vault/index-damaged');
  try {
    return decodeManifest(plain);
  } finally {
    plain.fill(0);
  }
}
