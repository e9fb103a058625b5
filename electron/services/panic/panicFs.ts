import { promises as fsp } from 'node:fs';

export interface PanicDirent {
  name: string;
  isDirectory(): boolean;
  isFile(): boolean;
}

/**
 * The file operations the panic service uses, injectable so tests can make some paths fail with
 * EACCES/EROFS (tests run as root, where chmod stops nothing) and record the order of operations.
 */
export interface PanicFs {
  open: typeof fsp.open;
  readFile(path: string): Promise<Buffer>;
  readdir(path: string): Promise<PanicDirent[]>;
  lstat(path: string): Promise<{ size: number; isDirectory(): boolean; isFile(): boolean }>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
  mkdir(path: string, opts: { recursive: boolean; mode: number }): Promise<unknown>;
  copyFile(from: string, to: string): Promise<void>;
}

export const nodePanicFs: PanicFs = {
  open: fsp.open,
  readFile: (p) => fsp.readFile(p),
  readdir: (p) => fsp.readdir(p, { withFileTypes: true }),
  lstat: (p) => fsp.lstat(p),
  rename: (a, b) => fsp.rename(a, b),
  unlink: (p) => fsp.unlink(p),
  rmdir: (p) => fsp.rmdir(p),
  mkdir: (p, o) => fsp.mkdir(p, o),
  copyFile: (a, b) => fsp.copyFile(a, b),
};

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;
