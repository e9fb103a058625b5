import { join } from 'node:path';
import { TikhoError } from '../../../shared/errors';
import { GCM_NONCE_BYTES, MANIFEST_FILE, RECORDS_DIR } from './formatConstants';
import { recordFileName } from './keyDerivation';
import type { ManifestAnchor } from './manifestAnchor';
import { recoverRecords, type RecoveredRecord } from './manifestRecovery';
import { countSavedItems } from './savedItems';
import { ENTRY_DELETED, openManifest, sealManifest, type ManifestImage } from './revisionManifest';
import type { VaultSession } from './vaultSession';
import { readIfExists, errnoOf, type FileSystem } from '../common';

/**
 * What unlock tells the person about the manifest (the list of every record and its revision).
 * `rolled-back`: the manifest is older than the anchor says (an older manifest.bin was put back),
 * or the anchor is gone; `rebuilt`: manifest.bin was missing or did not authenticate and was
 * rebuilt from the record files. `recovered`: how many of the records found outside the manifest
 * and listed again are the person's saved items (savedItems.ts; internal records are listed
 * again too, but not counted); `unknown`: files that could not be tied to a record (format-1 files, damaged files).
 */
export type IndexNotice =
  | { kind: 'rolled-back'; recovered: number; unknown: number; anchorMissing: boolean }
  | { kind: 'rebuilt'; recovered: number; unknown: number; reason: 'missing' | 'damaged' };

export interface LoadedManifest {
  image: ManifestImage;
  /** The records/ listing, taken before this session writes anything. */
  onDisk: Set<string>;
  /** Records to list (not in the manifest, or newer than its tombstone for them). */
  recovered: RecoveredRecord[];
  /** The generation the next manifest write builds on. */
  generation: bigint;
  /** The anchor's generation (null: missing or unreadable). */
  anchorGeneration: bigint | null;
  notice: IndexNotice | null;
  /**
   * A rollback not yet acknowledged: writes keep the restored generation and leave the anchor
   * alone, so the next unlock says it again until the person chose to continue.
   */
  holdAnchor: boolean;
  /** Write the manifest now (rebuilt, or first open of a vault made before generations). */
  persistNow: boolean;
  /** The anchor lags the manifest (a crash between the two writes): set it to this. */
  repairAnchor: bigint | null;
}

interface LoadOptions {
  fs: FileSystem;
  dir: string;
  session: VaultSession;
  anchor: ManifestAnchor;
  random: (n: number) => Buffer;
}

async function listRecords(fs: FileSystem, recordsDir: string): Promise<Set<string>> {
  try {
    return new Set(await fs.readdir(recordsDir));
  } catch (err) {
    // Its own code: "something went wrong" would not tell the person the folder is gone.
    if (errnoOf(err) === 'ENOENT' || errnoOf(err) === 'ENOTDIR')
      throw new TikhoError('vault/records-missing');
    throw err;
  }
}

export async function loadManifest(opts: LoadOptions): Promise<LoadedManifest> {
  const { fs, dir, session, anchor } = opts;
  const recordsDir = join(dir, RECORDS_DIR);
  const onDisk = await listRecords(fs, recordsDir);
  const file = await readIfExists(fs, join(dir, MANIFEST_FILE));
  let image: ManifestImage | null = null;
  if (file) {
    try {
      image = openManifest(session.subkeys.manifest, session.vaultId, file);
    } catch (err) {
      if (!(err instanceof TikhoError && err.code === 'vault/index-damaged')) throw err;
    }
  }
  const anchorGeneration = await anchor.read();
  const base = { onDisk, anchorGeneration, holdAnchor: false, repairAnchor: null };
  if (!image) {
    const recovery = recoverRecords(fs, recordsDir, session, onDisk);
    return {
      ...base,
      image: emptyImage(opts),
      recovered: recovery.found,
      generation: anchorGeneration ?? 0n,
      notice: {
        kind: 'rebuilt',
        recovered: countSavedItems(recovery.found),
        unknown: recovery.unknown,
        reason: file ? 'damaged' : 'missing',
      },
      persistNow: true,
    };
  }
  const generation = image.generation;
  const fresh = { ...base, image, recovered: [], generation, notice: null };
  if (anchorGeneration === null && generation === 0n) return { ...fresh, persistNow: true };
  if (anchorGeneration !== null && generation >= anchorGeneration) {
    return { ...fresh, persistNow: false, repairAnchor: generation > anchorGeneration ? generation : null };
  }
  // Rolled back: list again what the older manifest does not know, so nothing newer is hidden,
  // and look at the files of its tombstones too: a record deleted before and made again since
  // has a file newer than the tombstone (the caller revives it; the sweep would delete it).
  const live = new Set<string>();
  const tombs = new Map<string, number>();
  for (const e of image.decoded) {
    const name = recordFileName(session.subkeys.fileNames, e.collection, e.id);
    if (e.flags & ENTRY_DELETED) tombs.set(name, e.revision);
    else live.add(name);
  }
  const recovery = recoverRecords(
    fs,
    recordsDir,
    session,
    [...onDisk].filter((n) => !live.has(n)),
  );
  recovery.found = recovery.found.filter((r) => r.revision > (tombs.get(r.fileName) ?? -1));
  return {
    ...fresh,
    recovered: recovery.found,
    holdAnchor: true,
    persistNow: false,
    notice: {
      kind: 'rolled-back',
      recovered: countSavedItems(recovery.found),
      unknown: recovery.unknown,
      anchorMissing: anchorGeneration === null,
    },
  };
}

function emptyImage({ session, random }: LoadOptions): ManifestImage {
  const sealed = sealManifest(session.subkeys.manifest, random(GCM_NONCE_BYTES), session.vaultId, []);
  return openManifest(session.subkeys.manifest, session.vaultId, sealed);
}
