import { open as openFile, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import { stringify as toYaml } from 'yaml';
import { TikhoError } from '../../../shared/errors';
import { writeFileAtomic } from './atomicFile';
import type { AttachmentStore } from './attachmentStore';
import { backupEntries, restoreEntries } from './backupEntries';
import { SET_UP_COLLECTIONS } from './collections';
import {
  PREAMBLE_V2_BYTES,
  openPreambleV2,
  sealPreambleV2,
  type BackupStreamKeys,
  type SlotSealer,
} from './backupPreambleV2';
import { BACKUP_V1_MAGIC, openPreambleV1, type TryHeaderBlock } from './backupV1';
import {
  BACKUP_SEALED_CHUNK_BYTES as SEALED_CHUNK_BYTES,
  fixedChunks,
  openChunk,
  sealChunk,
} from './chunkedAead';
import type { FileRecordStore } from './fileRecordStore';
import { BACKUP_CHUNK_BYTES, SALT_BYTES, TEMP_PREFIX } from './formatConstants';
import type { KdfParams } from './kdfParams';
import { deriveKek } from './keyDerivation';
import type { Notebook } from './notebook';
import { readAll } from './vectoredIo';
import { FILE_MODE, syncFolder, type FileSystem } from '../common';
import { toWriteError } from './writeError';

export interface VaultBackup {
  /** One encrypted file. With `passphrase` it opens with that passphrase; without, with the one this session was unlocked with. */
  exportEncrypted(destPath: string, passphrase?: string): Promise<void>;
  /** Into an unlocked vault that holds no notes, records or attachments yet. */
  importEncrypted(srcPath: string, passphrase: string): Promise<{ records: number; attachments: number }>;
  /** Markdown + front-matter in a zip. PLAINTEXT: the caller must have shown the warning. */
  exportPlainZip(destPath: string): Promise<void>;
}

interface Deps {
  fs: FileSystem;
  random: (n: number) => Buffer;
  clock: () => number;
  need: () => {
    store: FileRecordStore;
    attachments: AttachmentStore;
    notebook: Notebook;
    live: { state: { kdf: KdfParams } };
  };
  /**
   * The KEK of the passphrase this session was unlocked with, with the vault's salt and parameters
   * and the slot's role: a "with the vault's passphrase" backup's slot is sealed with it. Only read.
   */
  sessionSealer: () => SlotSealer;
  /** Version 1 only: the vault's slot trial over a backup's embedded format-1 header block. */
  tryHeader: TryHeaderBlock;
  isReservedCollection: (c: string) => boolean;
}

/**
 * Version 1 starts with its magic; anything else is tried as version 2 (which has no fixed byte
 * to recognise it by). A v2 file starting with the v1 magic by chance: 2^-64.
 */
async function openStream(handle: FileHandle, passphrase: string, deps: Deps): Promise<BackupStreamKeys> {
  const first = Buffer.alloc(PREAMBLE_V2_BYTES);
  const { bytesRead } = await handle.read(first, 0, PREAMBLE_V2_BYTES, 0);
  if (
    bytesRead >= BACKUP_V1_MAGIC.length &&
    first.subarray(0, BACKUP_V1_MAGIC.length).equals(BACKUP_V1_MAGIC)
  )
    return openPreambleV1(handle, passphrase, deps.tryHeader);
  if (bytesRead !== PREAMBLE_V2_BYTES) throw new TikhoError('vault/backup-damaged');
  return openPreambleV2(first, passphrase);
}

/** The sealer for a backup with its own passphrase: a fresh salt, the vault's parameters. */
async function ownSealer(
  passphrase: string,
  kdf: KdfParams,
  random: (n: number) => Buffer,
): Promise<SlotSealer> {
  const salt = Buffer.from(random(SALT_BYTES));
  return { kek: await deriveKek(passphrase, salt, { ...kdf }), salt, kdf: { ...kdf }, role: 'primary' };
}

async function exportEncrypted(deps: Deps, destPath: string, passphrase?: string): Promise<void> {
  const { fs, random } = deps;
  const s = deps.need();
  const sealer =
    passphrase === undefined ? deps.sessionSealer() : await ownSealer(passphrase, s.live.state.kdf, random);
  let sealed: ReturnType<typeof sealPreambleV2>;
  try {
    sealed = sealPreambleV2(sealer, random);
  } finally {
    // The session's KEK stays the session's; only a KEK derived here is ours to zero.
    if (passphrase !== undefined) sealer.kek.fill(0);
  }
  const { preamble, key, prefix, aad } = sealed;
  const temp = join(dirname(destPath), `${TEMP_PREFIX}${basename(destPath)}-${random(6).toString('hex')}`);
  try {
    const handle = await openFile(temp, 'wx', FILE_MODE);
    try {
      await handle.write(preamble);
      let i = 0;
      for await (const { chunk, final } of fixedChunks(
        backupEntries(s, deps.isReservedCollection),
        BACKUP_CHUNK_BYTES,
      )) {
        await handle.write(sealChunk(key, prefix, i++, final, aad, chunk));
        chunk.fill(0);
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, destPath);
    await syncFolder(fs, dirname(destPath));
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err instanceof TikhoError ? err : toWriteError(err);
  } finally {
    key.fill(0);
  }
}

async function importEncrypted(
  deps: Deps,
  srcPath: string,
  passphrase: string,
): Promise<{ records: number; attachments: number }> {
  const s = deps.need();
  for (const c of s.store.collections()) {
    if (
      !deps.isReservedCollection(c) &&
      !SET_UP_COLLECTIONS.includes(c) &&
      (await s.store.list(c)).length > 0
    )
      throw new TikhoError('vault/not-empty');
  }
  const handle = await openFile(srcPath, 'r').catch(() => {
    throw new TikhoError('vault/backup-unreadable');
  });
  try {
    const total = (await handle.stat()).size;
    const { key, prefix, aad, bodyOffset } = await openStream(handle, passphrase, deps);
    const chunkCount = Math.max(1, Math.ceil((total - bodyOffset) / SEALED_CHUNK_BYTES));
    async function* plainChunks(): AsyncGenerator<Buffer> {
      let position = bodyOffset;
      const buf = Buffer.alloc(SEALED_CHUNK_BYTES);
      for (let i = 0; i < chunkCount; i++) {
        const want = Math.min(SEALED_CHUNK_BYTES, total - position);
        await readAll(handle, [buf.subarray(0, want)], position, 'vault/backup-damaged');
        position += want;
        const last = i === chunkCount - 1;
        yield openChunk(key, prefix, i, last, aad, buf.subarray(0, want), 'vault/backup-damaged');
      }
    }
    try {
      // Authenticate every chunk, the final-flagged last one included, BEFORE writing anything:
      // a truncated or tampered backup must fail without leaving half its records in the vault.
      // Costs a second decryption of the file; imports are rare and not a throughput path.
      for await (const plain of plainChunks()) plain.fill(0);
      return await restoreEntries(s, plainChunks(), deps.isReservedCollection);
    } finally {
      key.fill(0);
    }
  } finally {
    await handle.close();
  }
}

async function exportPlainZip(deps: Deps, destPath: string): Promise<void> {
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
  await writeFileAtomic(deps.fs, destPath, zipSync(files, { level: 6 }));
}

export function createBackup(deps: Deps): VaultBackup {
  return {
    exportEncrypted: (destPath, passphrase) => exportEncrypted(deps, destPath, passphrase),
    importEncrypted: (srcPath, passphrase) => importEncrypted(deps, srcPath, passphrase),
    exportPlainZip: (destPath) => exportPlainZip(deps, destPath),
  };
}
