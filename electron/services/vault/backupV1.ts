import type { FileHandle } from 'node:fs/promises';
import { TikhoError } from '../../../shared/errors';
import { NONCE_PREFIX_BYTES } from './chunkedAead';
import { HEADER_BYTES } from './formatConstants';
import { encodeParts, hkdf } from './keyDerivation';
import type { BackupStreamKeys } from './backupPreambleV2';
import type { OpenedSlot } from './vaultHeader';

/**
 * Reading a version-1 backup (docs/vault-format.md §Backup file, version 1): read only, no build
 * writes it any more. "TIKHOBAK" || version u16 = 1 || a format-1 header block (352 B) || salt 32 ||
 * nonce prefix 7. Detected by its magic; anything else is tried as version 2.
 */
export const BACKUP_V1_MAGIC = Buffer.from('TIKHOBAK', 'ascii');
const BACKUP_V1_VERSION = 1;
const SALT_BYTES_V1 = 32;
const PREAMBLE_V1_BYTES = 8 + 2 + HEADER_BYTES + SALT_BYTES_V1 + NONCE_PREFIX_BYTES;

/** Opens the embedded format-1 header block with the passphrase (the vault's slot trial). */
export type TryHeaderBlock = (header: Buffer, passphrase: string) => Promise<OpenedSlot | null>;

export async function openPreambleV1(
  handle: FileHandle,
  passphrase: string,
  tryHeader: TryHeaderBlock,
): Promise<BackupStreamKeys> {
  const preamble = Buffer.alloc(PREAMBLE_V1_BYTES);
  const { bytesRead } = await handle.read(preamble, 0, PREAMBLE_V1_BYTES, 0);
  if (
    bytesRead !== PREAMBLE_V1_BYTES ||
    !preamble.subarray(0, 8).equals(BACKUP_V1_MAGIC) ||
    preamble.readUInt16BE(8) !== BACKUP_V1_VERSION
  ) {
    throw new TikhoError('vault/backup-damaged');
  }
  const headerBytes = preamble.subarray(10, 10 + HEADER_BYTES);
  const salt = preamble.subarray(10 + HEADER_BYTES, 10 + HEADER_BYTES + SALT_BYTES_V1);
  const prefix = Buffer.from(preamble.subarray(10 + HEADER_BYTES + SALT_BYTES_V1));
  const opened = await tryHeader(Buffer.from(headerBytes), passphrase).catch((err: unknown) => {
    if (err instanceof TikhoError && err.code === 'vault/header-corrupt')
      throw new TikhoError('vault/backup-damaged');
    throw err;
  });
  if (!opened || opened.role === 'duress') {
    opened?.master.fill(0);
    throw new TikhoError('vault/wrong-passphrase');
  }
  const key = hkdf(opened.master, encodeParts(['tikho/v1/backup', headerBytes.subarray(0, 64), salt]));
  opened.master.fill(0);
  return {
    key,
    prefix,
    aad: Buffer.concat([encodeParts(['tikho/v1/backup-stream']), preamble]),
    bodyOffset: PREAMBLE_V1_BYTES,
  };
}
