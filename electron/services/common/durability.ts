/**
 * What "flush" means on each OS, in one place, so the per-OS choice is visible and testable.
 *
 * Node has no F_FULLFSYNC of its own, and none is needed: FileHandle.sync()/fs.fsync go through
 * libuv's uv__fs_fsync, which on Apple platforms issues fcntl(F_FULLFSYNC) (the drive's write
 * cache is flushed too), falls back to fcntl(F_BARRIERFSYNC) (ordering, not a cache flush) where
 * the file system refuses F_FULLFSYNC, and only then to plain fsync(2) (which on macOS does NOT
 * flush the drive cache). fdatasync is the same call there. Which of the three ran is not reported
 * to JavaScript. No npm package offers F_FULLFSYNC without a native build step, and a native
 * module would need a compiler at install, so the app relies on libuv.
 */
export type FileFlush =
  /** fsync(2): data and metadata to the device, cache flush included (Linux, BSDs). */
  | 'fsync'
  /** libuv: F_FULLFSYNC, else F_BARRIERFSYNC, else fsync(2) (macOS). */
  | 'full-fsync'
  /** FlushFileBuffers: data and metadata through the drive cache (Windows). */
  | 'flush-file-buffers';

export interface Durability {
  /** What FileHandle.sync() does on this OS. The app calls the same API everywhere. */
  fileFlush: FileFlush;
  /**
   * Whether a folder is opened and fsynced after a create, rename or unlink in it. Off on Windows:
   * opening a folder there fails (EISDIR/EPERM; Node cannot pass FILE_FLAG_BACKUP_SEMANTICS) and
   * NTFS journals the change itself. On macOS the folder's fsync is also F_FULLFSYNC via libuv.
   */
  syncFolders: boolean;
}

export function durabilityFor(platform: NodeJS.Platform = process.platform): Durability {
  switch (platform) {
    case 'win32':
      return { fileFlush: 'flush-file-buffers', syncFolders: false };
    case 'darwin':
      return { fileFlush: 'full-fsync', syncFolders: true };
    default:
      return { fileFlush: 'fsync', syncFolders: true };
  }
}
