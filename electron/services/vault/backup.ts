import { open as openFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { stringify as toYaml } from 'yaml';
import { TikhoError } from '../../../shared/errors';
import { FILE_MODE, fsyncDir, writeFileAtomic } from './atomicFile';
import { ATTACHMENT_META_COLLECTION, type AttachmentInfo, type AttachmentStore } from './attachmentStore';
import {
  BACKUP_SEALED_CHUNK_BYTES as SEALED_CHUNK_BYTES,
  NONCE_PREFIX_BYTES,
  fixedChunks,
  openChunk,
  sealChunk,
} from './chunkedAead';
import type { FileRecordStore } from './fileRecordStore';
import {
  BACKUP_CHUNK_BYTES,
  V1_FORMAT_VERSION,
  GCM_NONCE_BYTES,
  HEADER_BYTES,
  KEY_BYTES,
  SALT_BYTES,
  SLOT_BYTES,
  SLOT_COUNT,
  TEMP_PREFIX,
  VAULT_ID_BYTES,
} from './formatConstants';
import { deriveKek, encodeParts, hkdf } from './keyDerivation';
import type { Notebook } from './notebook';
import { encodeHeader, slotBinding, sealSlot, type OpenedSlot, type VaultHeader } from './vaultHeader';
import { toWriteError, type VaultFs } from './vaultFs';
import { readAll } from './vectoredIo';
import type { VaultSession } from './vaultSession';

export interface VaultBackup {
  /** One encrypted file. With `passphrase` it opens with that passphrase; without, with the vault's own slots. */
  exportEncrypted(destPath: string, passphrase?: string): Promise<void>;
  /** Into an unlocked vault that holds no notes, records or attachments yet. */
  importEncrypted(srcPath: string, passphrase: string): Promise<{ records: number; attachments: number }>;
  /** Markdown + front-matter in a zip. PLAINTEXT: the caller must have shown the warning. */
  exportPlainZip(destPath: string): Promise<void>;
}

const BACKUP_MAGIC = Buffer.from('TIKHOBAK', 'ascii');
const BACKUP_VERSION = 1;
const PREAMBLE_BYTES = 8 + 2 + HEADER_BYTES + 32 + NONCE_PREFIX_BYTES;
const T_END = 0;
const T_RECORD = 1;
const T_ATTACHMENT = 2;

function lenPrefixed(b: Buffer): Buffer {
  const l = Buffer.alloc(4);
  l.writeUInt32BE(b.length);
  return Buffer.concat([l, b]);
}

function contentKey(root: Buffer, header: Buffer, salt: Buffer): Buffer {
  return hkdf(root, encodeParts(['tikho/v1/backup', header.subarray(0, 64), salt]));
}

function backupAad(preamble: Buffer): Buffer {
  return Buffer.concat([encodeParts(['tikho/v1/backup-stream']), preamble]);
}

interface Deps {
  fs: VaultFs;
  random: (n: number) => Buffer;
  clock: () => number;
  need: () => {
    session: VaultSession;
    store: FileRecordStore;
    attachments: AttachmentStore;
    notebook: Notebook;
    live: { state: Pick<VaultHeader, 'kdf'> };
  };
  readHeaderBytes: () => Promise<Buffer>;
  tryHeader: (header: Buffer, passphrase: string) => Promise<OpenedSlot | null>;
  isReservedCollection: (c: string) => boolean;
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

export function createBackup(deps: Deps): VaultBackup {
  const { fs, random } = deps;

  async function* entries(s: ReturnType<Deps['need']>): AsyncGenerator<Uint8Array> {
    const collections = new Set<string>();
    for (const name of await collectionNames(s.store)) collections.add(name);
    for (const c of collections) {
      if (deps.isReservedCollection(c) || c === ATTACHMENT_META_COLLECTION) continue;
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

  return {
    async exportEncrypted(destPath, passphrase) {
      const s = deps.need();
      let headerBytes: Buffer;
      let root: Buffer;
      if (passphrase === undefined) {
        headerBytes = await deps.readHeaderBytes();
        root = Buffer.from(s.session.master);
      } else {
        root = Buffer.alloc(KEY_BYTES);
        random(KEY_BYTES).copy(root);
        const base = {
          // A backup's header block keeps the format-1 layout (docs/vault-format.md §Backup file).
          formatVersion: V1_FORMAT_VERSION,
          vaultId: random(VAULT_ID_BYTES),
          kdf: { ...s.live.state.kdf },
          salt: random(SALT_BYTES),
        };
        const fixed = slotBinding(base);
        const index = random(1).readUInt8(0) % SLOT_COUNT;
        const kek = await deriveKek(passphrase, base.salt, base.kdf);
        const slots = Array.from({ length: SLOT_COUNT }, (_, i) =>
          i === index
            ? sealSlot(kek, fixed, i, 'primary', root, random(GCM_NONCE_BYTES))
            : random(SLOT_BYTES),
        );
        kek.fill(0);
        headerBytes = encodeHeader({ ...base, slots });
      }
      const salt = random(32);
      const prefix = random(NONCE_PREFIX_BYTES);
      const version = Buffer.alloc(2);
      version.writeUInt16BE(BACKUP_VERSION);
      const preamble = Buffer.concat([BACKUP_MAGIC, version, headerBytes, salt, prefix]);
      const key = contentKey(root, headerBytes, salt);
      root.fill(0);
      const aad = backupAad(preamble);
      const temp = join(
        dirname(destPath),
        `${TEMP_PREFIX}${basename(destPath)}-${random(6).toString('hex')}`,
      );
      try {
        const handle = await openFile(temp, 'wx', FILE_MODE);
        try {
          await handle.write(preamble);
          let i = 0;
          for await (const { chunk, final } of fixedChunks(entries(s), BACKUP_CHUNK_BYTES)) {
            await handle.write(sealChunk(key, prefix, i++, final, aad, chunk));
            chunk.fill(0);
          }
          await handle.sync();
        } finally {
          await handle.close();
        }
        await fs.rename(temp, destPath);
        await fsyncDir(fs, dirname(destPath));
      } catch (err) {
        await fs.unlink(temp).catch(() => undefined);
        throw err instanceof TikhoError ? err : toWriteError(err);
      } finally {
        key.fill(0);
      }
    },

    async importEncrypted(srcPath, passphrase) {
      const s = deps.need();
      for (const c of await collectionNames(s.store)) {
        if (!deps.isReservedCollection(c) && (await s.store.list(c)).length > 0)
          throw new TikhoError('vault/not-empty');
      }
      const handle = await openFile(srcPath, 'r').catch(() => {
        throw new TikhoError('vault/backup-unreadable');
      });
      try {
        const total = (await handle.stat()).size;
        const preamble = Buffer.alloc(PREAMBLE_BYTES);
        const { bytesRead } = await handle.read(preamble, 0, PREAMBLE_BYTES, 0);
        if (
          bytesRead !== PREAMBLE_BYTES ||
          !preamble.subarray(0, 8).equals(BACKUP_MAGIC) ||
          preamble.readUInt16BE(8) !== BACKUP_VERSION
        ) {
          throw new TikhoError('vault/backup-damaged');
        }
        const headerBytes = preamble.subarray(10, 10 + HEADER_BYTES);
        const salt = preamble.subarray(10 + HEADER_BYTES, 10 + HEADER_BYTES + 32);
        const prefix = preamble.subarray(10 + HEADER_BYTES + 32);
        const opened = await deps.tryHeader(Buffer.from(headerBytes), passphrase).catch((err: unknown) => {
          if (err instanceof TikhoError && err.code === 'vault/header-corrupt')
            throw new TikhoError('vault/backup-damaged');
          throw err;
        });
        if (!opened || opened.role === 'duress') {
          opened?.master.fill(0);
          throw new TikhoError('vault/wrong-passphrase');
        }
        const key = contentKey(opened.master, headerBytes, salt);
        opened.master.fill(0);
        const aad = backupAad(preamble);
        const bodyBytes = total - PREAMBLE_BYTES;
        const chunkCount = Math.max(1, Math.ceil(bodyBytes / SEALED_CHUNK_BYTES));
        async function* plainChunks(): AsyncGenerator<Buffer> {
          let position = PREAMBLE_BYTES;
          const buf = Buffer.alloc(SEALED_CHUNK_BYTES);
          for (let i = 0; i < chunkCount; i++) {
            const want = Math.min(SEALED_CHUNK_BYTES, total - position);
            await readAll(handle, [buf.subarray(0, want)], position, 'vault/backup-damaged');
            position += want;
            yield openChunk(
              key,
              prefix,
              i,
              i === chunkCount - 1,
              aad,
              buf.subarray(0, want),
              'vault/backup-damaged',
            );
          }
        }
        // Authenticate every chunk, the final-flagged last one included, BEFORE writing anything:
        // a truncated or tampered backup must fail without leaving half its records in the vault.
        // Costs a second decryption of the file; imports are rare and not a throughput path.
        for await (const plain of plainChunks()) plain.fill(0);
        const read = chunkReader(plainChunks());
        const readLen = async (): Promise<Buffer> => read((await read(4)).readUInt32BE(0));
        let recordCount = 0;
        let attachmentCount = 0;
        try {
          for (;;) {
            const type = (await read(1)).readUInt8(0);
            if (type === T_END) break;
            if (type === T_RECORD) {
              const c = (await readLen()).toString('utf8');
              const id = (await readLen()).toString('utf8');
              const data = Buffer.from(await readLen());
              if (deps.isReservedCollection(c)) throw new TikhoError('vault/backup-damaged');
              await s.store.write(c, id, data);
              data.fill(0);
              recordCount++;
            } else if (type === T_ATTACHMENT) {
              const meta = JSON.parse((await readLen()).toString('utf8')) as AttachmentInfo;
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
                { name: meta.name, mime: meta.mime, createdAt: meta.createdAt },
                body(),
              );
              attachmentCount++;
            } else {
              throw new TikhoError('vault/backup-damaged');
            }
          }
        } finally {
          key.fill(0);
        }
        return { records: recordCount, attachments: attachmentCount };
      } finally {
        await handle.close();
      }
    },

    async exportPlainZip(destPath) {
      const s = deps.need();
      const files: Zippable = {};
      const used = new Set<string>();
      // Control characters are not allowed in file names on Windows and confuse terminals.
      const safe = (name: string): string =>
        // eslint-disable-next-line no-control-regex -- stripping control characters is the point
        name.replace(/[\\/:*?"<>|\u0000-\u001f]/gu, '_').slice(0, 80) || 'untitled';
      for (const summary of s.notebook.list()) {
        if (summary.damaged) continue;
        const note = s.notebook.get(summary.id);
        const front = toYaml({
          title: note.title,
          tags: note.tags,
          pinned: note.pinned,
          created: new Date(note.createdAt).toISOString(),
          updated: new Date(note.updatedAt).toISOString(),
        });
        let name = `notes/${safe(note.title)}.md`;
        if (used.has(name)) name = `notes/${safe(note.title)}-${note.id.slice(0, 8)}.md`;
        used.add(name);
        files[name] = strToU8(`---\n${front}---\n\n${note.body}`);
        for (const a of await s.attachments.list(note.id)) {
          files[`attachments/${note.id.slice(0, 8)}/${safe(a.name)}`] = [
            await s.attachments.read(a.id),
            { level: 0 },
          ];
        }
      }
      await writeFileAtomic(fs, destPath, zipSync(files, { level: 6 }));
    },
  };
}

/** Collections present in the store (the manifest knows them; the store API lists per collection). */
function collectionNames(store: FileRecordStore): Promise<string[]> {
  return Promise.resolve(store.collections());
}
