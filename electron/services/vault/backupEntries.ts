import { TikhoError } from '../../../shared/errors';
import { ATTACHMENT_META_COLLECTION, attachmentInfoSchema, type AttachmentStore } from './attachmentStore';
import { parseJsonRecord } from './jsonRecord';
import type { FileRecordStore } from './fileRecordStore';

/**
 * The plaintext inside a backup's STREAM chunks (the same in versions 1 and 2): a sequence of
 * entries `type u8` — 1 record: LP(collection) LP(id) LP(data); 2 attachment: LP(meta JSON)
 * size u64 data; 0 end — with LP = u32 BE length || bytes.
 */
const T_END = 0;
const T_RECORD = 1;
const T_ATTACHMENT = 2;

export interface EntryStores {
  store: FileRecordStore;
  attachments: AttachmentStore;
}

function lenPrefixed(b: Buffer): Buffer {
  const l = Buffer.alloc(4);
  l.writeUInt32BE(b.length);
  return Buffer.concat([l, b]);
}

/** Every record outside the reserved collections, then every attachment, then the end mark. */
export async function* backupEntries(
  s: EntryStores,
  isReserved: (c: string) => boolean,
): AsyncGenerator<Uint8Array> {
  for (const c of s.store.collections()) {
    if (isReserved(c) || c === ATTACHMENT_META_COLLECTION) continue;
    for (const id of await s.store.list(c)) {
      const data = await s.store.read(c, id);
      if (!data) continue;
      yield Buffer.concat([
        Buffer.from([T_RECORD]),
        lenPrefixed(Buffer.from(c)),
        lenPrefixed(Buffer.from(id)),
        lenPrefixed(data),
      ]);
      data.fill(0);
    }
  }
  for (const a of await s.attachments.listAll()) {
    const size = Buffer.alloc(8);
    size.writeBigUInt64BE(BigInt(a.size));
    yield Buffer.concat([Buffer.from([T_ATTACHMENT]), lenPrefixed(Buffer.from(JSON.stringify(a))), size]);
    yield* s.attachments.stream(a.id);
  }
  yield Buffer.from([T_END]);
}

/** Reads decrypted bytes from the backup's STREAM chunks on demand. */
function chunkReader(chunks: AsyncGenerator<Buffer>) {
  let buf: Buffer = Buffer.alloc(0);
  return async (n: number): Promise<Buffer> => {
    while (buf.length < n) {
      const next = await chunks.next();
      if (next.done) throw new TikhoError('vault/backup-damaged');
      buf = buf.length === 0 ? next.value : Buffer.concat([buf, next.value]);
    }
    const out = buf.subarray(0, n);
    buf = buf.subarray(n);
    return out;
  };
}

/** Writes the entries of already-authenticated chunks into the stores. */
export async function restoreEntries(
  s: EntryStores,
  chunks: AsyncGenerator<Buffer>,
  isReserved: (c: string) => boolean,
): Promise<{ records: number; attachments: number }> {
  const read = chunkReader(chunks);
  const readLen = async (): Promise<Buffer> => read((await read(4)).readUInt32BE(0));
  let records = 0;
  let attachments = 0;
  for (;;) {
    const type = (await read(1)).readUInt8(0);
    if (type === T_END) break;
    if (type === T_RECORD) {
      const c = (await readLen()).toString('utf8');
      const id = (await readLen()).toString('utf8');
      const data = Buffer.from(await readLen());
      if (isReserved(c)) throw new TikhoError('vault/backup-damaged');
      await s.store.write(c, id, data);
      data.fill(0);
      records++;
    } else if (type === T_ATTACHMENT) {
      // Authenticated, but still data: a backup from a newer or broken version is refused, not trusted.
      const meta = parseJsonRecord(await readLen(), attachmentInfoSchema);
      if (!meta) throw new TikhoError('vault/backup-damaged');
      let left = Number((await read(8)).readBigUInt64BE(0));
      async function* body(): AsyncGenerator<Buffer> {
        while (left > 0) {
          const n = Math.min(left, 1024 * 1024);
          left -= n;
          yield Buffer.from(await read(n));
        }
      }
      await s.attachments.addFromStream(
        meta.noteId,
        // The size is known (and authenticated): the attachment streams in, never whole in memory.
        { name: meta.name, mime: meta.mime, createdAt: meta.createdAt, size: left },
        body(),
      );
      attachments++;
    } else {
      throw new TikhoError('vault/backup-damaged');
    }
  }
  return { records, attachments };
}
