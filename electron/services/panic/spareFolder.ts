import { randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { RECORD_COLLECTIONS, type CollectionName, type VaultService } from '../vault';
import { decoyDates } from './decoyDates';
import { overwriteInPlace, removeTree } from './durableFile';
import { HEADER_FILES, SPARE_DIR } from './planNames';
import { syncFolder, type FileSystem } from '../common';

/**
 * `<dataDir>/spare/` always holds a vault: the decoy when the person prepared one, otherwise a
 * filler built the same way but sealed, so that nothing opens it (vault `createSealed`: random
 * key slots, no Argon2id run for a secret nobody would type). Both are real vaults of the real
 * one's Argon2id parameters with the same collections and note count, so the folder's presence,
 * its files and their sizes do not tell an examiner with a copy of the disk whether a decoy waits
 * there (docs/panic.md §`spare/` is always there). Only the encrypted panic config knows which
 * it is.
 */

export interface DecoyNote {
  title: string;
  body: string;
}

/** The decoy takes these over from the real notebook: a week-old notebook has a worked checklist. */
export const DECOY_COPIED_COLLECTIONS: readonly CollectionName[] = [
  RECORD_COLLECTIONS.checklist.progress,
  RECORD_COLLECTIONS.panic.drills,
];

export type CreateVault = (dir: string, extra?: { clock?: () => number }) => VaultService;

/** The part of the real vault a spare is built from (notes' ages, copied records). */
export type SpareSource = Pick<VaultService, 'notes' | 'records' | 'recoveryCodeCreated'>;

export interface SpareContext {
  fs: FileSystem;
  dataDir: string;
  source: SpareSource;
  createVault: CreateVault;
  wallClock: () => number;
}

export const spareDirOf = (dataDir: string): string => join(dataDir, SPARE_DIR);

/** Whether spare/ holds a vault header (a decoy's or a filler's: they cannot be told apart). */
export async function spareReady(fs: FileSystem, dataDir: string): Promise<boolean> {
  for (const name of HEADER_FILES) {
    const found = await fs.lstat(join(spareDirOf(dataDir), name)).then(
      () => true,
      () => false,
    );
    if (found) return true;
  }
  return false;
}

/** Who opens a spare: the duress passphrase (a decoy), or nobody (a filler). */
export type SpareOpener = { passphrase: string } | 'nobody';

/**
 * Builds a vault opened by `opener` in a staging folder and swaps it in as spare/. The old
 * spare's header is overwritten in place first: an unlinked header's blocks stay readable, and an
 * old decoy's would still open with a duress passphrase the person has since removed.
 */
export async function buildSpare(ctx: SpareContext, opener: SpareOpener, notes: DecoyNote[]): Promise<void> {
  const { fs, dataDir, source } = ctx;
  const spareDir = spareDirOf(dataDir);
  const staging = join(dataDir, `.spare-staging-${randomBytes(6).toString('hex')}`);
  try {
    const end = ctx.wallClock();
    const dates = decoyDates(notebookStart(source, end), end, notes.length);
    let stamp = end;
    const spare = ctx.createVault(staging, { clock: () => stamp });
    const withRecoveryCode = source.recoveryCodeCreated;
    if (opener === 'nobody') await spare.createSealed({ withRecoveryCode });
    else await spare.create(opener.passphrase, { withRecoveryCode });
    for (const [i, n] of notes.entries()) {
      const when = dates[i] ?? { createdAt: end, updatedAt: end };
      stamp = when.createdAt;
      // Written as its first line, the rest added at the later edit (when there is room for one).
      const edited = when.updatedAt > when.createdAt;
      const first = edited ? (n.body.split('\n')[0] ?? n.body) : n.body;
      const note = await spare.notes.create({ title: n.title, body: first, tags: [], pinned: false });
      stamp = when.updatedAt;
      if (edited) await spare.notes.update(note.id, { body: n.body });
    }
    stamp = end;
    for (const collection of DECOY_COPIED_COLLECTIONS)
      for (const id of await source.records.list(collection)) {
        const bytes = await source.records.read(collection, id);
        if (bytes) await spare.records.write(collection, id, bytes);
      }
    await spare.lock();
    for (const name of HEADER_FILES) await overwriteInPlace(fs, join(spareDir, name)).catch(() => undefined);
    await removeTree(fs, spareDir);
    await fs.rename(staging, spareDir);
    await syncFolder(fs, dataDir);
  } catch (err) {
    await removeTree(fs, staging);
    throw err;
  }
}

/** A filler: the decoy's shape, sealed so that no passphrase or code opens it. */
export async function buildFiller(ctx: SpareContext, noteCount: number): Promise<void> {
  await buildSpare(ctx, 'nobody', fillerNotes(noteCount));
}

/** Notes of a decoy's sizes (short notes: one padding bucket); their text is never decrypted. */
export function fillerNotes(count: number): DecoyNote[] {
  return Array.from({ length: count }, () => ({
    title: randomBytes(randomInt(6, 18)).toString('base64url'),
    body: randomBytes(randomInt(30, 220)).toString('base64url'),
  }));
}

/** When the real notebook was started, as far as anything on its screens tells: its oldest note. */
function notebookStart(source: SpareSource, end: number): number {
  const created = source.notes
    .list()
    .map((n) => n.createdAt)
    .filter((t) => t > 0);
  return created.length > 0 ? Math.min(end, ...created) : end;
}
