import { TikhoError } from '../../../shared/errors';
import { openGcm, sealGcm } from './aead';
import { encodeParts } from './keyDerivation';
import { MANIFEST_VERSION } from './formatConstants';
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

/**
 * After the last entry, inside the sealed plaintext: tag 0x47 | generation u64 BE. Every manifest
 * write raises the generation, and the same number is kept in the rollback anchor (a file
 * rewritten in place, manifestAnchor.ts), so an older manifest.bin put back is recognised. A
 * manifest written before the trailer existed ends in zero padding and reads as generation 0.
 */
export const GENERATION_TAG = 0x47;
export const TRAILER_BYTES = 9;

export interface ManifestEntry {
  collection: string;
  id: string;
  revision: number;
  flags: number;
  /** Cached HMAC file name ('' until first needed); not serialised. */
  fileName: string;
  /** Where this entry's revision field sits in the in-memory plaintext (ManifestImage); not serialised. */
  offset?: number;
}

export function manifestAad(vaultId: Buffer): Buffer {
  const version = Buffer.alloc(2);
  version.writeUInt16BE(MANIFEST_VERSION);
  return Buffer.concat([encodeParts(['tikho/v1/manifest']), version, vaultId]);
}

/** One pass, one allocation: at 10 000 entries the per-entry Buffers cost more than the cipher. */
export function encodeManifest(entries: Iterable<ManifestEntry>, generation = 0n): Buffer {
  const list = Array.isArray(entries) ? (entries as ManifestEntry[]) : [...entries];
  let size = 4 + TRAILER_BYTES;
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
  writeTrailer(out, o, generation);
  return out;
}

function writeTrailer(out: Buffer, at: number, generation: bigint): void {
  out[at] = GENERATION_TAG;
  out.writeBigUInt64BE(generation, at + 1);
}

/** The generation in the trailer after the entry that ends at `end`; 0 for a pre-trailer manifest. */
export function readGeneration(plain: Buffer, end: number): bigint {
  if (end + TRAILER_BYTES > plain.length || plain[end] !== GENERATION_TAG) return 0n;
  return plain.readBigUInt64BE(end + 1);
}

export function decodeManifest(plain: Buffer): (Omit<ManifestEntry, 'fileName'> & { offset: number })[] {
  const fail = (): never => {
    throw new TikhoError('vault/index-damaged');
  };
  if (plain.length < 4) fail();
  const count = plain.readUInt32BE(0);
  const entries: (Omit<ManifestEntry, 'fileName'> & { offset: number })[] = [];
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
    entries.push({ collection, id, revision, flags, offset: o });
    o += 5;
  }
  return entries;
}

export function sealManifest(
  key: Buffer,
  nonce: Buffer,
  vaultId: Buffer,
  entries: Iterable<ManifestEntry>,
  generation = 0n,
): Buffer {
  const plain = encodeManifest(entries, generation);
  try {
    return sealGcm(key, nonce, plain, manifestAad(vaultId));
  } finally {
    plain.fill(0);
  }
}

export function openManifest(key: Buffer, vaultId: Buffer, file: Buffer): ManifestImage {
  const plain = openGcm(key, file, manifestAad(vaultId));
  if (!plain) throw new TikhoError('vault/index-damaged');
  try {
    const entries = decodeManifest(plain);
    const last = entries[entries.length - 1];
    const used = last ? last.offset + 5 : 4;
    return new ManifestImage(plain, used, entries, readGeneration(plain, used));
  } catch (err) {
    plain.fill(0);
    throw err;
  }
}

/**
 * The manifest plaintext kept in memory, patched in place. A save changes one entry's revision
 * (5 bytes at a known offset) or appends one entry; re-encoding all 10 000 entries on every save
 * cost ~10 ms of the save budget. The sealed bytes are identical to encodeManifest's (same layout,
 * same padding bucket); wipe() zeroes the buffer at lock.
 */
export class ManifestImage {
  constructor(
    private plain: Buffer,
    private used: number,
    readonly decoded: (Omit<ManifestEntry, 'fileName'> & { offset: number })[],
    /** The generation this manifest was sealed with (0: written before generations existed). */
    readonly generation: bigint = 0n,
  ) {}

  /** Writes every entry's current revision and flags; appends entries that have no offset yet. */
  sync(entries: Iterable<ManifestEntry>): void {
    let count = this.plain.readUInt32BE(0);
    for (const e of entries) {
      if (e.offset === undefined) {
        const c = Buffer.from(e.collection, 'utf8');
        const id = Buffer.from(e.id, 'utf8');
        const need = this.used + 1 + c.length + 2 + id.length + 5;
        if (need > this.plain.length) {
          const grown = Buffer.alloc(Math.max(paddedLength(need), this.plain.length * 2));
          this.plain.copy(grown, 0, 0, this.used);
          this.plain.fill(0);
          this.plain = grown;
        }
        let o = this.used;
        o = this.plain.writeUInt8(c.length, o);
        o += c.copy(this.plain, o);
        o = this.plain.writeUInt16BE(id.length, o);
        o += id.copy(this.plain, o);
        e.offset = o;
        this.used = o + 5;
        count++;
      }
      this.plain.writeUInt32BE(e.revision, e.offset);
      this.plain[e.offset + 4] = e.flags;
    }
    this.plain.writeUInt32BE(count, 0);
  }

  /** The trailer goes right after the entries; the next append overwrites it and seal rewrites it. */
  seal(key: Buffer, nonce: Buffer, vaultId: Buffer, generation = 0n): Buffer {
    const length = paddedLength(this.used + TRAILER_BYTES);
    if (length > this.plain.length) {
      const grown = Buffer.alloc(length);
      this.plain.copy(grown, 0, 0, this.used);
      this.plain.fill(0);
      this.plain = grown;
    }
    writeTrailer(this.plain, this.used, generation);
    return sealGcm(key, nonce, this.plain.subarray(0, length), manifestAad(vaultId));
  }

  wipe(): void {
    this.plain.fill(0);
  }
}
