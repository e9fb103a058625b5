import { join } from 'node:path';
import { errnoOf, syncFolder, readIfExists } from '../common';
import { overwriteInPlace } from './durableFile';
import {
  HEADER_FILE,
  HEADER_FILES,
  LEGACY_HEADER_FILE,
  PROFILES_DIR,
  SPARE_DIR,
  TRASH_PREFIX,
  VAULT_DIR,
  VAULT_TEMP_PREFIX,
} from './planNames';
import type { Fail, PlanRun } from './planRun';

/**
 * The crypto-shred: the vault header overwritten in place (every key lives behind it), checked to
 * have really changed, then every stray header copy on the disk.
 */
export async function destroyKeys(run: PlanRun, fail: Fail): Promise<void> {
  run.keysDestroyed = run.input.resumeStage === 2 ? true : await destroyVaultHeader(run, fail);
  await overwriteStrayHeaders(run, fail);
}

async function destroyVaultHeader(run: PlanRun, fail: Fail): Promise<boolean> {
  const { fs, vaultDir, counts } = run;
  let headerOk = true;
  const failHeader = (err: unknown): void => {
    headerOk = false;
    fail(`${VAULT_DIR}/${HEADER_FILE}`, err);
  };
  const headerPath = join(vaultDir, HEADER_FILE);
  const before = await readIfExists(fs, headerPath).catch(() => null);
  try {
    await run.input.destroyVaultKeys();
  } catch (err) {
    failHeader(err);
  }
  if (before) {
    // vault.destroyKeyMaterial() swallows an open() failure (e.g. EROFS): check the bytes really changed.
    const after = await readIfExists(fs, headerPath).catch(() => null);
    if (after && after.subarray(0, 64).equals(before.subarray(0, 64))) {
      try {
        await overwriteInPlace(fs, headerPath);
        await syncFolder(fs, vaultDir).catch(() => undefined);
        counts.headers++;
        headerOk = true;
      } catch (err) {
        failHeader(err);
      }
    } else counts.headers++;
  }
  return headerOk;
}

/**
 * Stray copies of a header: a vault header rewrite killed before its rename (.tmp-* in the vault
 * root), the vault folder of an earlier interrupted wipe, the practice and help-desk profiles'
 * vaults, a copy left by a crashed drill. Phase 2 deletes them, but an unlink leaves a header's
 * blocks readable on the disk: each is overwritten in place first.
 */
async function overwriteStrayHeaders(run: PlanRun, fail: Fail): Promise<void> {
  const { fs, vaultDir, dataDir, counts } = run;
  const paths = run.input.paths;
  const strays: { path: string; rel: string }[] = [];
  for (const e of await fs.readdirEntries(vaultDir).catch(() => []))
    if (e.isFile() && (e.name.startsWith(VAULT_TEMP_PREFIX) || e.name === LEGACY_HEADER_FILE))
      strays.push({ path: join(vaultDir, e.name), rel: `${VAULT_DIR}/${e.name}` });
  for (const e of await fs.readdirEntries(dataDir).catch(() => []))
    if (e.isDirectory() && e.name.startsWith(TRASH_PREFIX))
      for (const name of HEADER_FILES)
        strays.push({ path: join(dataDir, e.name, VAULT_DIR, name), rel: `${e.name}/${VAULT_DIR}/${name}` });
  // electron/main/index.ts sets a non-user profile's userData to profiles/<name>/.
  for (const e of await fs.readdirEntries(join(dataDir, PROFILES_DIR)).catch(() => []))
    if (e.isDirectory())
      for (const sub of [VAULT_DIR, SPARE_DIR])
        for (const name of HEADER_FILES)
          strays.push({
            path: join(dataDir, PROFILES_DIR, e.name, sub, name),
            rel: `${PROFILES_DIR}/${e.name}/${sub}/${name}`,
          });
  if (!run.input.drill) {
    for (const e of await fs.readdirEntries(paths.tmpDir).catch(() => []))
      if (e.isDirectory() && e.name.startsWith(paths.drillPrefix))
        for (const name of HEADER_FILES)
          strays.push({
            path: join(paths.tmpDir, e.name, 'data', VAULT_DIR, name),
            rel: `tmp:${e.name}/${name}`,
          });
  }
  for (const s of strays) {
    try {
      await overwriteInPlace(fs, s.path);
      counts.headers++;
    } catch (err) {
      if (errnoOf(err) !== 'ENOENT') fail(s.rel, err);
    }
  }
}
