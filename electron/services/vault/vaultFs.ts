import { promises as fsp, readFileSync } from 'node:fs';
import { TikhoError } from '../../../shared/errors';
import { errnoOf } from '../common';

/**
 * The file operations the vault uses, injectable so tests can make a write fail with ENOSPC or
 * EROFS (tests run as root, where chmod does not stop writes). Production passes node:fs.
 */
export interface VaultFs {
  open: typeof fsp.open;
  readFile(path: string): Promise<Buffer>;
  /**
   * Unlock reads every record file: one blocking read each in a tight loop costs ~7 µs a file,
   * against ~50 µs through the promise API's open/fstat/read/close round trips to the thread pool.
   */
  readFileSync(path: string): Buffer;
  readdir(path: string): Promise<string[]>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  mkdir(path: string, opts: { recursive: true; mode: number }): Promise<unknown>;
}

export const nodeVaultFs: VaultFs = {
  open: fsp.open,
  readFile: (p) => fsp.readFile(p),
  readFileSync: (p) => readFileSync(p),
  readdir: (p) => fsp.readdir(p),
  rename: (a, b) => fsp.rename(a, b),
  unlink: (p) => fsp.unlink(p),
  mkdir: (p, o) => fsp.mkdir(p, o),
};

/** Re-exported for the vault's own modules; defined once in services/common. */
export { errnoOf };

/** Maps OS errors of a write to the codes the UI shows; anything else becomes vault/io-error. */
export function toWriteError(err: unknown): TikhoError {
  if (err instanceof TikhoError) return err;
  const code = errnoOf(err);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new TikhoError('vault/disk-full');
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return new TikhoError('vault/read-only');
  return new TikhoError('vault/io-error', { errno: code ?? 'unknown' });
}
