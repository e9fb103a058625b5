import { promises as fsp, readFileSync } from 'node:fs';

export interface DirEntry {
  name: string;
  isDirectory(): boolean;
  isFile(): boolean;
}

/**
 * The one file-system port every service writes through. Injectable so tests can make a path fail
 * with ENOSPC, EROFS or EACCES (tests run as root, where chmod stops nothing) and record the order
 * of operations; production passes node:fs (nodeFileSystem).
 */
export interface FileSystem {
  open: typeof fsp.open;
  readFile(path: string): Promise<Buffer>;
  /**
   * Unlock reads every record file: one blocking read each in a tight loop costs ~7 µs a file,
   * against ~50 µs through the promise API's open/fstat/read/close round trips to the thread pool.
   */
  readFileSync(path: string): Buffer;
  readdir(path: string): Promise<string[]>;
  /** The same listing with each entry's type, for walks that must not follow links. */
  readdirEntries(path: string): Promise<DirEntry[]>;
  lstat(path: string): Promise<{ size: number; isDirectory(): boolean; isFile(): boolean }>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
  mkdir(path: string, opts: { recursive: boolean; mode: number }): Promise<unknown>;
  copyFile(from: string, to: string): Promise<void>;
}

export const nodeFileSystem: FileSystem = {
  open: fsp.open,
  readFile: (p) => fsp.readFile(p),
  readFileSync: (p) => readFileSync(p),
  readdir: (p) => fsp.readdir(p),
  readdirEntries: (p) => fsp.readdir(p, { withFileTypes: true }),
  lstat: (p) => fsp.lstat(p),
  rename: (a, b) => fsp.rename(a, b),
  unlink: (p) => fsp.unlink(p),
  rmdir: (p) => fsp.rmdir(p),
  mkdir: (p, o) => fsp.mkdir(p, o),
  copyFile: (a, b) => fsp.copyFile(a, b),
};

/** Owner-only: every file and folder a service creates holds or reveals something of a person's. */
export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;
