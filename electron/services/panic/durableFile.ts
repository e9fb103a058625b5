import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { syncDirectory } from '../vault';
import { errnoOf } from '../common';
import { FILE_MODE, type PanicFs } from './panicFs';

/**
 * fsync a directory so a create/rename/unlink inside it survives power loss (POSIX: rename is
 * atomic, not durable). A no-op on Windows, where a folder cannot be opened and NTFS journals the
 * change itself: opening it there throws EPERM, which would stop the wipe half-way.
 */
export async function fsyncDir(
  fs: PanicFs,
  dir: string,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  await syncDirectory(fs, dir, platform);
}

/** temp file (O_EXCL, 0600) → write → fsync → rename → fsync folder: old or new content after any crash. */
export async function writeDurably(fs: PanicFs, target: string, data: Uint8Array): Promise<void> {
  const temp = join(dirname(target), `.tmp-panic-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await fs.open(temp, 'wx', FILE_MODE);
    try {
      await handle.write(data, 0, data.length, 0);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.rename(temp, target);
  } catch (err) {
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  await fsyncDir(fs, dirname(target));
}

export async function readIfExists(fs: PanicFs, path: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(path);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return null;
    throw err;
  }
}

/**
 * Overwrites a file's bytes in place with random data and fsyncs it: same inode, and on file
 * systems that update in place the same blocks. Used for stray copies of key headers.
 */
export async function overwriteInPlace(fs: PanicFs, path: string): Promise<void> {
  const handle = await fs.open(path, 'r+');
  try {
    const { size } = await handle.stat();
    const noise = randomBytes(Math.max(size, 1));
    await handle.write(noise, 0, size, 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Best-effort recursive delete without counting (drill copies, a failed decoy staging folder). */
export async function removeTree(fs: PanicFs, path: string): Promise<void> {
  let st;
  try {
    st = await fs.lstat(path);
  } catch {
    return;
  }
  if (!st.isDirectory()) {
    await fs.unlink(path).catch(() => undefined);
    return;
  }
  for (const e of await fs.readdir(path).catch(() => [])) await removeTree(fs, join(path, e.name));
  await fs.rmdir(path).catch(() => undefined);
}

/** Copies regular files and folders (not links, sockets or devices), 16 files at a time. */
export async function copyTree(fs: PanicFs, from: string, to: string, mode: number): Promise<void> {
  await fs.mkdir(to, { recursive: true, mode });
  const entries = await fs.readdir(from);
  const files = entries.filter((e) => e.isFile());
  for (const e of entries)
    if (e.isDirectory()) await copyTree(fs, join(from, e.name), join(to, e.name), mode);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < files.length) {
      const e = files[next++];
      // A file the running app removed meanwhile is simply not in the copy.
      if (e)
        await fs.copyFile(join(from, e.name), join(to, e.name)).catch((err: unknown) => {
          if (errnoOf(err) !== 'ENOENT') throw err;
        });
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, files.length) }, worker));
}
