import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { isTikhoError } from '../../../shared/errors';
import { copyTree, overwriteInPlace, removeTree } from './durableFile';
import type { PanicCore } from './panicCore';
import { panicError } from './panicErrors';
import { runPanicPlan } from './panicPlan';
import { runOnce } from './panicRuns';
import type { PanicReport } from './panicTypes';
import { HEADER_FILES, VAULT_DIR } from './planNames';
import { MARKER_FILE, readMarker } from './wipeMarker';
import { DIR_MODE } from '../common';

/** The same plan on a disposable copy of the data folder; the real data is untouched. */
export function drill(core: PanicCore): Promise<PanicReport> {
  const { fs, paths, vault, logger } = core;
  return core.drills.run(async () => {
    const root = join(paths.tmpDir, `${paths.drillPrefix}${randomBytes(8).toString('hex')}`);
    const copy = join(root, 'data');
    try {
      await copyTree(fs, core.dataDir, copy, DIR_MODE);
      // The live vault's notes are in memory while unlocked: counting them reads nothing from disk.
      const notesCount = vault.isUnlocked() ? vault.notes.list().length : null;
      const copyVault = core.createVault(join(copy, VAULT_DIR));
      const endState = await core.mirror.resolveEndState();
      return await runPanicPlan({
        paths: { ...paths, dataDir: copy },
        fs,
        now: core.now,
        trigger: 'drill',
        drill: true,
        endState,
        destroyVaultKeys: () => copyVault.destroyKeyMaterial(),
        ports: core.ports,
        portTimeoutMs: core.portTimeoutMs,
        notesCount,
      });
    } catch (err) {
      logger?.warn('panic: drill failed', { code: isTikhoError(err) ? err.code : 'io' });
      throw panicError('panic/drill-failed');
    } finally {
      for (const name of HEADER_FILES)
        await overwriteInPlace(fs, join(copy, VAULT_DIR, name)).catch(() => undefined);
      await removeTree(fs, root);
    }
  });
}

/** At start-up, before the lock screen: finishes a wipe a kill or power cut interrupted. */
export async function recoverInterruptedWipe(core: PanicCore): Promise<PanicReport | null> {
  const { fs, paths } = core;
  // A drill killed half-way leaves a copy of the vault (header included) in the temp folder.
  if (!core.drills.current()) {
    for (const e of await fs.readdirEntries(paths.tmpDir).catch(() => [])) {
      if (!e.isDirectory() || !e.name.startsWith(paths.drillPrefix)) continue;
      const root = join(paths.tmpDir, e.name);
      for (const name of HEADER_FILES)
        await overwriteInPlace(fs, join(root, 'data', VAULT_DIR, name)).catch(() => undefined);
      await removeTree(fs, root);
    }
  }
  const marker = await readMarker(fs, join(core.dataDir, MARKER_FILE)).catch(() => null);
  if (!marker) return null;
  // At start-up nothing is on screen yet: finish quietly; the glue shows what the folder holds.
  return runOnce(core, 'recovery', marker.endState, {
    ports: { ...core.ports, quit: undefined, showEndState: undefined },
    resumeStage: marker.stage,
  });
}
