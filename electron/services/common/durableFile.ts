import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { durabilityFor } from './durability';
import { errnoOf } from './errno';
import { FILE_MODE, type FileSystem } from './fileSystem';
import { writeAll } from './vectoredWrite';

/**
 * fsync a folder so a create, rename or unlink inside it survives power loss (POSIX rename is
 * atomic, not durable). A no-op where durabilityFor says folders are not synced (Windows: opening
 * a folder fails with EISDIR/EPERM, Node cannot pass FILE_FLAG_BACKUP_SEMANTICS, and NTFS journals
 * the change itself), otherwise every write would fail there.
 */
export async function syncFolder(
  fs: Pick<FileSystem, 'open'>,
  dir: string,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  if (!durabilityFor(platform).syncFolders) return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `chunks` to `target` so that a crash at any instant leaves either the old file or the
 * new one: temp file in the same folder (O_EXCL, 0600) → write → fsync → rename → fsync folder.
 * On failure the temp file is removed, the old file is untouched and the OS error is thrown as it
 * came, for the caller to name in its own terms.
 */
export async function writeFileAtomic(
  fs: Pick<FileSystem, 'open' | 'rename' | 'unlink'>,
  target: string,
  chunks: Uint8Array | Uint8Array[],
  tempPrefix: string,
): Promise<void> {
  const dir = dirname(target);
  const temp = join(dir, `${tempPrefix}${randomBytes(8).toString('hex')}`);
  try {
    const handle = await fs.open(temp, 'wx', FILE_MODE);
    try {
      const parts = (Array.isArray(chunks) ? chunks : [chunks]).map((c) =>
        Buffer.from(c.buffer, c.byteOffset, c.byteLength),
      );
      await writeAll(handle, parts, 0);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  await syncFolder(fs, dir);
}

/** Removes a file and makes the removal durable; a missing file is not an error. */
export async function removeFileDurably(
  fs: Pick<FileSystem, 'open' | 'unlink'>,
  target: string,
): Promise<void> {
  try {
    await fs.unlink(target);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return;
    throw err;
  }
  await syncFolder(fs, dirname(target));
}

export async function readIfExists(fs: Pick<FileSystem, 'readFile'>, path: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(path);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return null;
    throw err;
  }
}
