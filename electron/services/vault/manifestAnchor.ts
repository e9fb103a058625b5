import { join } from 'node:path';
import { ANCHOR_FILE } from './formatConstants';
import {
  chooseCopy,
  createInPlaceFile,
  openSealedCopy,
  overwriteCopy,
  readInPlaceCopies,
  sealCopy,
  sealedCopyBytes,
  type CopyIndex,
  type InPlaceFs,
} from './inPlaceFile';
import { encodeParts, hkdfExpand32 } from './keyDerivation';

/**
 * Where the newest manifest generation is kept, outside manifest.bin. manifest.bin is replaced by
 * rename on every save, so an older copy of it (a disk image, a sync tool, a backup program) can
 * be put back whole; the anchor is rewritten in place, so putting an older manifest back leaves
 * the anchor ahead of it. Behind an interface so the number can move into the authenticated
 * vault header (format 2) without touching the store.
 */
export interface ManifestAnchor {
  /** The newest generation recorded, or null: no anchor file, or neither copy authenticates. */
  read(): Promise<bigint | null>;
  /** Records `generation`; the caller writes the manifest first, so the anchor never runs ahead. */
  write(generation: bigint): Promise<void>;
}

const LABEL = 'manifest-anchor';
/** No payload: the generation inside the sealed copy is the whole content. */
const COPY_BYTES = sealedCopyBytes(0);

/** Anchor key from the session's PRK: HKDF-Expand(prk, "tikho/v1/manifest-anchor" ‖ vault id). */
export function anchorKey(prk: Buffer, vaultId: Buffer): Buffer {
  return hkdfExpand32(prk, encodeParts(['tikho/v1/manifest-anchor', vaultId]));
}

/**
 * The anchor as its own in-place file (two sealed copies of 36 bytes, random-looking without the
 * key). `key` is owned by the caller and zeroed at lock; after a wipe every read fails closed.
 */
export function createFileManifestAnchor(fs: InPlaceFs, dir: string, key: Buffer): ManifestAnchor {
  const path = join(dir, ANCHOR_FILE);
  let next: CopyIndex | null = null;

  const load = async (): Promise<bigint | null> => {
    const copies = await readInPlaceCopies(fs, path, COPY_BYTES);
    if (!copies) {
      next = null;
      return null;
    }
    const choice = chooseCopy(copies, (bytes, index) => openSealedCopy(key, LABEL, index, bytes));
    next = choice.next;
    return choice.current?.generation ?? null;
  };

  return {
    read: load,
    async write(generation) {
      if (next === null) await load();
      if (next === null) {
        await createInPlaceFile(fs, path, COPY_BYTES, sealCopy(key, LABEL, 0, generation, Buffer.alloc(0)));
        next = 1;
        return;
      }
      const index = next;
      await overwriteCopy(
        fs,
        path,
        COPY_BYTES,
        index,
        sealCopy(key, LABEL, index, generation, Buffer.alloc(0)),
      );
      next = index === 0 ? 1 : 0;
    },
  };
}

/**
 * A key rotation's anchor: `generation` sealed under the NEXT key into the copy the old key does
 * not hold as current, so until the header switches the old generation's anchor still opens, and
 * after it the new one does (keyRotation.ts). No file yet: a fresh file with the new copy.
 */
export async function writeAnchorForNextKey(
  fs: InPlaceFs,
  dir: string,
  keys: { old: Buffer; next: Buffer },
  generation: bigint,
): Promise<void> {
  const path = join(dir, ANCHOR_FILE);
  const copies = await readInPlaceCopies(fs, path, COPY_BYTES);
  if (!copies) {
    await createInPlaceFile(fs, path, COPY_BYTES, sealCopy(keys.next, LABEL, 0, generation, Buffer.alloc(0)));
    return;
  }
  const { next } = chooseCopy(copies, (bytes, index) => openSealedCopy(keys.old, LABEL, index, bytes));
  await overwriteCopy(
    fs,
    path,
    COPY_BYTES,
    next,
    sealCopy(keys.next, LABEL, next, generation, Buffer.alloc(0)),
  );
}
