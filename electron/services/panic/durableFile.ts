import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { errnoOf, writeFileAtomic, type FileSystem } from '../common';

/**
 * The shared durable write (services/common/durableFile.ts) under the panic service's own temp
 * prefix. OS errors come through as they are: the wipe report names them by errno.
 */
export async function writeDurably(fs: FileSystem, target: string, data: Uint8Array): Promise<void> {
  await writeFileAtomic(fs, target, data, PANIC_TEMP_PREFIX);
}

/** Tells the panic service's temp files from the vault's `.tmp-` ones in a listing. */
const PANIC_TEMP_PREFIX = '.tmp-panic-';

/**
 * Overwrites a file's bytes in place with random data and fsyncs it: same inode, and on file
 * systems that update in place the same blocks. Used for stray copies of key headers.
 */
export async function overwriteInPlace(fs: FileSystem, path: string): Promise<void> {
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
export async function removeTree(fs: FileSystem, path: string): Promise<void> {
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
  for (const e of await fs.readdirEntries(path).catch(() => [])) await removeTree(fs, join(path, e.name));
  await fs.rmdir(path).catch(() => undefined);
}

/** Copies regular files and folders (not links, sockets or devices), 16 files at a time. */
export async function copyTree(fs: FileSystem, from: string, to: string, mode: number): Promise<void> {
  await fs.mkdir(to, { recursive: true, mode });
  const entries = await fs.readdirEntries(from);
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
