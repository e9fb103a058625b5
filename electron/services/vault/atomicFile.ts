import * as durable from '../common';
import { TEMP_PREFIX } from './formatConstants';
import type { FileSystem } from '../common';
import { toWriteError } from './writeError';

/**
 * The shared durable writes (services/common/durableFile.ts), with an OS failure named as the
 * vault's screens name it (vault/disk-full, vault/read-only, vault/io-error) and the vault's temp
 * prefix, which the vault's own cleanup recognises.
 */
export async function writeFileAtomic(
  fs: FileSystem,
  target: string,
  chunks: Uint8Array | Uint8Array[],
): Promise<void> {
  await durable.writeFileAtomic(fs, target, chunks, TEMP_PREFIX).catch((err: unknown) => {
    throw toWriteError(err);
  });
}

/** Removes a file and makes the removal durable; a missing file is not an error. */
export async function removeFileDurably(fs: FileSystem, target: string): Promise<void> {
  await durable.removeFileDurably(fs, target).catch((err: unknown) => {
    throw toWriteError(err);
  });
}
