import { join } from 'node:path';
import { TikhoError } from '../../../shared/errors';
import { ATTACHMENT_META_COLLECTION } from './attachmentStore';
import { ATTACHMENTS_DIR, MANIFEST_FILE, RECORDS_DIR } from './formatConstants';
import { recordFileName } from './keyDerivation';
import { openManifest, type ManifestImage } from './revisionManifest';
import type { VaultSession } from './vaultSession';
import { syncFolder, readIfExists, errnoOf, type FileSystem } from '../common';
import { toWriteError } from './writeError';

/**
 * The manifest of a key rotation in progress. It exists from the rotation's first write until
 * the rotation is settled, so its presence alone tells the next unlock that something is left to
 * finish or to undo (docs/vault-format.md §Key rotation).
 */
export const ROTATION_MANIFEST_FILE = 'manifest.next';

export type RotationStage = 'started' | 'record' | 'attachment' | 'manifest' | 'committed' | 'shredded';

export interface SettleOptions {
  fs: FileSystem;
  dir: string;
  /** The session the header on disk opened: it decides which generation is the live one. */
  session: VaultSession;
  random: (n: number) => Buffer;
  /** Test hook (crash tests kill the process at a stage); never told anything secret. */
  onStage?: (stage: RotationStage) => Promise<void> | void;
}

const SHRED_CHUNK = 1024 * 1024;

/**
 * Overwrites a file in place with random bytes (same inode, same length, fsynced), then unlinks
 * it: an unlink alone leaves the ciphertext in free blocks, readable with the old key by anyone
 * who also has an old header. SSDs and copy-on-write file systems may still keep the old blocks
 * (docs/threat-model.md).
 */
export async function shredFile(fs: FileSystem, path: string, random: (n: number) => Buffer): Promise<void> {
  let handle: Awaited<ReturnType<FileSystem['open']>>;
  try {
    handle = await fs.open(path, 'r+');
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return;
    throw toWriteError(err);
  }
  try {
    const size = (await handle.stat()).size;
    for (let at = 0; at < size; at += SHRED_CHUNK) {
      const noise = random(Math.min(SHRED_CHUNK, size - at));
      await handle.write(noise, 0, noise.length, at);
    }
    await handle.sync();
  } catch (err) {
    throw toWriteError(err);
  } finally {
    await handle.close();
  }
  await fs.unlink(path).catch((err: unknown) => {
    if (errnoOf(err) !== 'ENOENT') throw toWriteError(err);
  });
}

function tryOpenManifest(session: VaultSession, bytes: Buffer): ManifestImage | null {
  try {
    return openManifest(session.subkeys.manifest, session.vaultId, bytes);
  } catch {
    return null;
  }
}

/** File names (records/, attachments/) that the manifest `image` accounts for, under `session`'s keys. */
function namesOf(image: ManifestImage, session: VaultSession): { records: Set<string>; data: Set<string> } {
  const records = new Set<string>();
  const data = new Set<string>();
  const key = session.subkeys.fileNames;
  for (const e of image.decoded) {
    records.add(recordFileName(key, e.collection, e.id));
    if (e.collection === ATTACHMENT_META_COLLECTION) data.add(recordFileName(key, 'attachment-data', e.id));
  }
  return { records, data };
}

async function shredStrangers(o: SettleOptions, sub: string, keep: Set<string>): Promise<void> {
  const folder = join(o.dir, sub);
  let names: string[];
  try {
    names = await o.fs.readdir(folder);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return;
    throw toWriteError(err);
  }
  for (const name of names) {
    if (keep.has(name)) continue;
    await shredFile(o.fs, join(folder, name), o.random);
    await o.onStage?.('shredded');
  }
  await syncFolder(o.fs, folder).catch(() => undefined);
}

/**
 * Finishes or undoes an interrupted key rotation, before the record store is opened. The header
 * on disk is the single commit point: if the rotation manifest opens under the keys that header
 * gave, the rotation committed, so every file of the old generation is shredded and the new
 * manifest takes the place of the old one; if it does not open, the rotation never committed,
 * so its files (everything the live manifest does not name) are shredded instead. Idempotent: a
 * crash in the middle of this leaves the same decision for the next unlock.
 */
export async function settleRotation(o: SettleOptions): Promise<'none' | 'finished' | 'abandoned'> {
  const nextPath = join(o.dir, ROTATION_MANIFEST_FILE);
  const manifestPath = join(o.dir, MANIFEST_FILE);
  const next = await readIfExists(o.fs, nextPath);
  if (!next) return 'none';
  const committed = tryOpenManifest(o.session, next);
  let image = committed;
  if (!image) {
    const live = await readIfExists(o.fs, manifestPath);
    image = live ? tryOpenManifest(o.session, live) : null;
    // Neither manifest opens under the live keys: shredding anything now could destroy data.
    if (!image) throw new TikhoError('vault/index-damaged');
  }
  const keep = namesOf(image, o.session);
  image.wipe();
  await shredStrangers(o, RECORDS_DIR, keep.records);
  await shredStrangers(o, ATTACHMENTS_DIR, keep.data);
  if (committed) {
    // Old manifest overwritten in place first; the rename of the new one is the last step.
    await shredFile(o.fs, manifestPath, o.random);
    try {
      await o.fs.rename(nextPath, manifestPath);
    } catch (err) {
      throw toWriteError(err);
    }
  } else {
    await shredFile(o.fs, nextPath, o.random);
  }
  await syncFolder(o.fs, o.dir).catch(() => undefined);
  return committed ? 'finished' : 'abandoned';
}
