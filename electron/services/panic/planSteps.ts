import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { PanicStepName, PanicStepReport } from './panicTypes';
import { destroyKeys } from './planKeys';
import { SPARE_DIR, TRASH_PREFIX, VAULT_DIR } from './planNames';
import { purge } from './planPurge';
import { callPort, setMarker, type Fail, type PlanRun } from './planRun';
import { MARKER_FILE } from './wipeMarker';
import { syncFolder, DIR_MODE } from '../common';

/**
 * One step of the plan: its phase (1 keys, 2 deletion, 3 clipboard, 4 end state), whether a drill
 * only counts it (it touches the real system: Electron's ports, the OS temp folder), and its work.
 * The order they run in is panicPlan.ts's.
 */
export interface PlanStep {
  phase: PanicStepReport['phase'];
  simulatedInDrill: (run: PlanRun) => boolean;
  work: (run: PlanRun, fail: Fail) => Promise<void>;
}

const always = (): boolean => true;
const never = (): boolean => false;

export const PLAN_STEPS: Record<PanicStepName, PlanStep> = {
  // The journal first, durably: an interruption from here on is finished at the next start.
  'mark-pending': {
    phase: 1,
    simulatedInDrill: never,
    work: async (run, fail) => {
      try {
        await setMarker(run, run.input.resumeStage ?? 1);
      } catch (err) {
        // Without a journal an interruption is not resumed, but the keys must still go: carry on.
        fail(MARKER_FILE, err);
      }
    },
  },

  'destroy-keys': { phase: 1, simulatedInDrill: never, work: destroyKeys },

  'clear-session': {
    phase: 2,
    simulatedInDrill: always,
    work: async (run, fail) => {
      if (!run.sim) await callPort(run, 'clearSessionData', fail, () => run.input.ports.clearSessionData());
    },
  },

  'clear-recent': {
    phase: 2,
    simulatedInDrill: always,
    work: async (run, fail) => {
      if (!run.sim)
        await callPort(run, 'clearRecentDocuments', fail, () => run.input.ports.clearRecentDocuments());
    },
  },

  'reset-app-state': {
    phase: 2,
    simulatedInDrill: always,
    work: async (run, fail) => {
      const reset = run.input.ports.resetAppState;
      if (!run.sim && reset) await callPort(run, 'resetAppState', fail, () => reset());
    },
  },

  'detach-data': { phase: 2, simulatedInDrill: never, work: detachData },

  'delete-temp': { phase: 2, simulatedInDrill: always, work: deleteTemp },

  // Before any decoy shows: whoever holds the laptop could paste what was copied.
  'clear-clipboard': {
    phase: 3,
    simulatedInDrill: always,
    work: async (run, fail) => {
      if (!run.sim) await callPort(run, 'clipboard', fail, () => run.input.ports.clipboard.clearIfOwned());
    },
  },

  purge: {
    phase: 2,
    simulatedInDrill: never,
    work: async (run, fail) => {
      for (const t of run.toPurge) await purge(run, t.path, t.rel, fail);
      await syncFolder(run.fs, run.dataDir).catch(() => undefined);
    },
  },

  // A drill moves its copy's decoy in for real (the practice shows it); everything else is counted.
  'end-state': { phase: 4, simulatedInDrill: (run) => run.endState !== 'decoy', work: endState },

  'clear-pending': {
    phase: 4,
    simulatedInDrill: never,
    work: async (run) => {
      // Anything left behind: keep the journal so the next start tries again (idempotent).
      if (run.failures.length > 0) return;
      await run.fs.unlink(run.markerPath);
      await syncFolder(run.fs, run.dataDir).catch(() => undefined);
    },
  },
};

/**
 * Moves every entry of the data folder into one trash folder with renames (O(entries), not
 * O(files)), so the data folder is empty within milliseconds and the decoy can take the vault's
 * place; the slow recursive delete follows. Entries that will not move are deleted in place.
 */
async function detachData(run: PlanRun, fail: Fail): Promise<void> {
  const { fs, dataDir } = run;
  const trash = join(dataDir, `${TRASH_PREFIX}${randomBytes(6).toString('hex')}`);
  const entries = await fs.readdirEntries(dataDir);
  let trashReady = false;
  try {
    await fs.mkdir(trash, { recursive: false, mode: DIR_MODE });
    trashReady = true;
  } catch (err) {
    fail('trash', err);
  }
  for (const e of entries) {
    if (e.name === MARKER_FILE) continue;
    const decoyStays =
      run.endState === 'decoy' &&
      (e.name === SPARE_DIR || (e.name === VAULT_DIR && run.input.resumeStage === 2));
    if (decoyStays) continue;
    const from = join(dataDir, e.name);
    if (e.name.startsWith(TRASH_PREFIX)) {
      run.toPurge.push({ path: from, rel: '' });
      continue;
    }
    if (trashReady) {
      try {
        await fs.rename(from, join(trash, e.name));
        continue;
      } catch {
        // EBUSY/EPERM (an open file on Windows, a mount point): delete where it is instead.
      }
    }
    run.toPurge.push({ path: from, rel: e.name });
  }
  if (trashReady) run.toPurge.unshift({ path: trash, rel: '' });
  await syncFolder(fs, dataDir).catch(() => undefined);
}

async function deleteTemp(run: PlanRun, fail: Fail): Promise<void> {
  const { paths } = run.input;
  const { counts, dataDir } = run;
  const entries = await run.fs.readdirEntries(paths.tmpDir).catch(() => []);
  for (const e of entries) {
    if (!e.name.startsWith(paths.tmpPrefix)) continue;
    const p = join(paths.tmpDir, e.name);
    // Never delete the folder the data folder itself lives in (a data folder under tmp in tests/harness).
    if (dataDir === p || dataDir.startsWith(`${p}/`) || dataDir.startsWith(`${p}\\`)) continue;
    if (run.sim) {
      counts.tempFiles++;
      continue;
    }
    const before = counts.files;
    await purge(run, p, `tmp:${e.name}`, fail);
    counts.tempFiles += counts.files - before;
    counts.files = before;
  }
}

async function endState(run: PlanRun, fail: Fail): Promise<void> {
  const { fs, input } = run;
  if (run.endState === 'decoy' && !run.decoyAlreadyInPlace) {
    await setMarker(run, 2);
    try {
      await fs.rename(run.spareDir, run.vaultDir);
      await syncFolder(fs, run.dataDir);
    } catch (err) {
      fail(SPARE_DIR, err);
      return;
    }
  }
  if (run.sim) return;
  if (run.endState === 'quit') return; // quit runs after the journal is gone (panicPlan.ts)
  const restore = input.ports.restoreAppState;
  if (restore) await callPort(run, 'restoreAppState', fail, () => restore());
  if (!input.onEndStateReady) {
    const show = input.ports.showEndState;
    const screen = run.endState === 'fresh' ? 'first-run' : 'lock';
    if (show) await callPort(run, 'showEndState', fail, () => show(screen));
  }
}
