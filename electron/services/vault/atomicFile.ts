import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import { TEMP_PREFIX } from './formatConstants';
import { syncDirectory } from './inPlaceFile';
import { writeAll } from './vectoredIo';
import { errnoOf, toWriteError, type VaultFs } from './vaultFs';

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/**
 * fsync a directory so a rename inside it survives power loss (POSIX rename is atomic, not
 * durable). On Windows opening a folder fails (EISDIR/EPERM: Node cannot pass
 * FILE_FLAG_BACKUP_SEMANTICS) and NTFS journals the rename itself, so there it does nothing —
 * otherwise every vault write would fail on the Windows build. inPlaceFile.ts says the same.
 */
export async function fsyncDir(
  fs: Pick<VaultFs, 'open'>,
  dir: string,
  platform: NodeJS.Platform = process.platform,
): Promise<void> {
  await syncDirectory(fs, dir, platform);
}

/**
 * Writes `chunks` to `target` so that a crash at any instant leaves either the old file or the
 * new one: temp file in the same folder (O_EXCL, 0600) → write → fsync → rename → fsync folder.
 * On failure the temp file is removed and the old file is untouched.
 */
export async function writeFileAtomic(
  fs: VaultFs,
  target: string,
  chunks: Uint8Array | Uint8Array[],
): Promise<void> {
  const dir = dirname(target);
  const temp = join(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}`);
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
    throw toWriteError(err);
  }
  await fsyncDir(fs, dir).catch((err: unknown) => {
    throw toWriteError(err);
  });
}

/** Removes a file and makes the removal durable; a missing file is not an error. */
export async function removeFileDurably(fs: VaultFs, target: string): Promise<void> {
  try {
    await fs.unlink(target);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return;
    throw toWriteError(err);
  }
  await fsyncDir(fs, dirname(target)).catch((err: unknown) => {
    throw toWriteError(err);
  });
}

export async function readIfExists(fs: VaultFs, path: string): Promise<Buffer | null> {
  try {
    return await fs.readFile(path);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return null;
    throw err;
  }
}
