import { join } from 'node:path';
import { TEMP_PREFIX } from './formatConstants';
import { deriveRecordKeyFromPrk, recordFileName } from './keyDerivation';
import { addressKey, openRecord, openRecordAddress, recordAad } from './recordCodec';
import type { VaultSession } from './vaultSession';
import { type FileSystem } from '../common';

export interface RecoveredRecord {
  collection: string;
  id: string;
  revision: number;
  fileName: string;
}

export interface Recovery {
  found: RecoveredRecord[];
  /** Files that could not be tied to an address: format-1 records (no address box) or damaged. */
  unknown: number;
}

/**
 * Finds the address and revision of record files the manifest does not list, from the files
 * alone. A file counts only if all three hold: its address box authenticates, its name is the
 * HMAC of that address (a box moved to another file fails), and its body authenticates under the
 * key of that address. What cannot be learnt from files: which records were deleted (tombstones
 * live only in the manifest), and whether a file is the newest revision of its record.
 */
export function recoverRecords(
  fs: Pick<FileSystem, 'readFileSync'>,
  recordsDir: string,
  session: VaultSession,
  names: Iterable<string>,
): Recovery {
  const found: RecoveredRecord[] = [];
  let unknown = 0;
  const boxKey = addressKey(session.subkeys.prk, session.vaultId);
  try {
    for (const name of names) {
      if (name.startsWith(TEMP_PREFIX)) continue;
      const record = recoverOne(fs, join(recordsDir, name), name, session, boxKey);
      if (record) found.push(record);
      else unknown++;
    }
  } finally {
    boxKey.fill(0);
  }
  return { found, unknown };
}

function recoverOne(
  fs: Pick<FileSystem, 'readFileSync'>,
  path: string,
  name: string,
  session: VaultSession,
  boxKey: Buffer,
): RecoveredRecord | null {
  let file: Buffer;
  try {
    file = fs.readFileSync(path);
  } catch {
    return null;
  }
  const address = openRecordAddress(boxKey, session.vaultId, file);
  if (!address) return null;
  const { collection, id } = address;
  if (recordFileName(session.subkeys.fileNames, collection, id) !== name) return null;
  const key = deriveRecordKeyFromPrk(session.subkeys.prk, session.vaultId, collection, id);
  try {
    const opened = openRecord(key, recordAad(session.vaultId, collection, id), file);
    opened.data.fill(0);
    return { collection, id, revision: opened.revision, fileName: name };
  } catch {
    return null;
  } finally {
    key.fill(0);
  }
}
