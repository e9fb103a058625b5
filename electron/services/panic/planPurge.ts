import { join } from 'node:path';
import { errnoOf } from '../common';
import { VAULT_DIR, VAULT_TEMP_PREFIX } from './planNames';
import type { Fail, PlanRun } from './planRun';

const PURGE_CONCURRENCY = 32;

async function mapLimit<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Deletes a file or a whole tree, counting what it removes; returns false if anything remains. */
export async function purge(run: PlanRun, path: string, rel: string, fail: Fail): Promise<boolean> {
  const { fs } = run;
  let isDir: boolean;
  let size = 0;
  try {
    const st = await fs.lstat(path);
    isDir = st.isDirectory();
    size = st.size;
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return true;
    fail(rel, err);
    return false;
  }
  if (!isDir) return unlinkCounted(run, path, rel, size, fail);
  let entries;
  try {
    entries = await fs.readdirEntries(path);
  } catch (err) {
    fail(rel, err);
    return false;
  }
  let allGone = true;
  await mapLimit(entries, PURGE_CONCURRENCY, async (e) => {
    const child = join(path, e.name);
    const childRel = rel ? `${rel}/${e.name}` : e.name;
    const gone = e.isDirectory()
      ? await purge(run, child, childRel, fail)
      : await unlinkCounted(run, child, childRel, null, fail);
    if (!gone) allGone = false;
  });
  if (!allGone) return false;
  try {
    await fs.rmdir(path);
    return true;
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return true;
    fail(rel || 'trash', err);
    return false;
  }
}

/** The counters read names relative to the trash ('vault/records/…'). */
async function unlinkCounted(
  run: PlanRun,
  path: string,
  rel: string,
  knownSize: number | null,
  fail: Fail,
): Promise<boolean> {
  const { fs, counts } = run;
  let size = knownSize;
  if (counts.bytes !== null && size === null)
    size = await fs.lstat(path).then(
      (s) => s.size,
      () => 0,
    );
  try {
    await fs.unlink(path);
  } catch (err) {
    if (errnoOf(err) === 'ENOENT') return true;
    fail(rel, err);
    return false;
  }
  counts.files++;
  if (counts.bytes !== null) counts.bytes += size ?? 0;
  if (rel.startsWith(`${VAULT_DIR}/records/`) && !rel.includes(VAULT_TEMP_PREFIX)) counts.records++;
  else if (rel.startsWith(`${VAULT_DIR}/attachments/`) && !rel.includes(VAULT_TEMP_PREFIX))
    counts.attachments++;
  return true;
}
