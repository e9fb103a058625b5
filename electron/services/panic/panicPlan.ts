import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fsyncDir, overwriteInPlace, readIfExists } from './durableFile';
import { errnoOf } from '../common';
import { failureCode } from './panicErrors';
import { DIR_MODE, type PanicFs } from './panicFs';
import type {
  DestroyedCounts,
  EndState,
  PanicFailure,
  PanicPorts,
  PanicReport,
  PanicStepName,
  PanicStepReport,
  PanicTrigger,
} from './panicTypes';
import { MARKER_FILE, writeMarker, type MarkerStage } from './wipeMarker';

/** Names inside the data folder the plan knows (design: injected, never guessed from Electron). */
export const VAULT_DIR = 'vault';
/** The decoy vault, kept aside until a wipe moves it into place. A bland name on purpose. */
export const SPARE_DIR = 'spare';
export const TRASH_PREFIX = '.wipe-trash-';
/** electron/main/index.ts: a non-user profile's userData is <userData>/profiles/<profile>. */
export const PROFILES_DIR = 'profiles';
/** The vault's header file (vault formatConstants HEADER_FILE): format 2, A/B copies in place. */
export const HEADER_FILE = 'index.bin';
/** A format-1 header not converted yet (vault formatConstants LEGACY_HEADER_FILE). */
export const LEGACY_HEADER_FILE = 'vault.header';
/** Every name a vault header can have on disk: each is overwritten wherever one may exist. */
export const HEADER_FILES = [HEADER_FILE, LEGACY_HEADER_FILE] as const;
/** Prefix of the vault's atomic-write temp files (vault formatConstants TEMP_PREFIX). */
export const VAULT_TEMP_PREFIX = '.tmp-';

export interface PlanPaths {
  dataDir: string;
  tmpDir: string;
  /** Temp entries the app creates under tmpDir ('tikho-'). */
  tmpPrefix: string;
  /** Drill copies under tmpDir; a crashed drill can leave a copy of the header there. */
  drillPrefix: string;
}

export interface PlanInput {
  paths: PlanPaths;
  fs: PanicFs;
  now: () => number;
  trigger: PanicTrigger;
  drill: boolean;
  endState: EndState;
  /** Overwrites the vault header with random bytes + fsync and drops in-memory keys (vault.destroyKeyMaterial). */
  destroyVaultKeys: () => Promise<void>;
  ports: PanicPorts;
  portTimeoutMs: number;
  /** Known only when the vault was unlocked at trigger time (read from memory, no disk access). */
  notesCount: number | null;
  /** Recovery of a wipe that had already started to move the decoy in: the vault path holds the decoy. */
  resumeStage?: MarkerStage;
  /**
   * Duress unlock: run the end state (decoy in place, unlocked) BEFORE the purge and call this, so
   * the unlock returns in about the time of a normal one; the purge continues in the background.
   */
  onEndStateReady?: (endState: EndState) => Promise<void>;
}

interface Counters extends DestroyedCounts {
  bytes: number | null;
}

const PURGE_CONCURRENCY = 32;

async function withTimeout<T>(work: () => Promise<T> | T, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      Promise.resolve().then(work),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('timeout'), { code: 'timeout' })), ms);
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

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

/**
 * Runs the panic plan once (issue 6 §1). Every trigger, the drill and start-up recovery use this
 * one function; only its inputs differ. Per-target failures never stop the plan: it finishes what
 * it can and lists what it could not.
 */
export async function runPanicPlan(input: PlanInput): Promise<PanicReport> {
  const { fs, now, paths } = input;
  const started = now();
  const dataDir = paths.dataDir;
  const vaultDir = join(dataDir, VAULT_DIR);
  const spareDir = join(dataDir, SPARE_DIR);
  const markerPath = join(dataDir, MARKER_FILE);
  const steps: PanicStepReport[] = [];
  const failures: PanicFailure[] = [];
  const counts: Counters = {
    notes: input.notesCount,
    attachments: 0,
    records: 0,
    headers: 0,
    files: 0,
    bytes: input.drill ? 0 : null,
    tempFiles: 0,
  };
  let keysDestroyed = false;
  let keysDestroyedMs = 0;

  const spareExists = async (): Promise<boolean> => {
    for (const name of HEADER_FILES)
      if (
        await fs.lstat(join(spareDir, name)).then(
          () => true,
          () => false,
        )
      )
        return true;
    return false;
  };
  let endState: EndState = input.endState;
  // Stage 2 = an interrupted wipe had started to move the decoy in: the vault path may hold it already.
  const decoyAlreadyInPlace = input.resumeStage === 2 && !(await spareExists());
  // A decoy end state without a decoy folder falls back to a fresh first run, never to a broken vault.
  if (endState === 'decoy' && !decoyAlreadyInPlace && !(await spareExists())) endState = 'fresh';

  async function step(
    name: PanicStepName,
    phase: PanicStepReport['phase'],
    simulated: boolean,
    work: (fail: (target: string, err: unknown) => void) => Promise<void>,
  ): Promise<void> {
    const t0 = now();
    const own: PanicFailure[] = [];
    const fail = (target: string, err: unknown): void => {
      own.push({ target, code: failureCode(err) });
    };
    try {
      await work(fail);
    } catch (err) {
      fail(name, err);
    }
    failures.push(...own);
    steps.push({ step: name, phase, ok: own.length === 0, ms: now() - t0, simulated, failures: own });
  }

  const port = async (
    name: string,
    fail: (t: string, e: unknown) => void,
    fn: () => unknown,
  ): Promise<void> => {
    try {
      await withTimeout(async () => {
        await fn();
      }, input.portTimeoutMs);
    } catch (err) {
      fail(name, err);
    }
  };

  /** Deletes a file or a whole tree, counting what it removes; returns false if anything remains. */
  async function purge(path: string, rel: string, fail: (t: string, e: unknown) => void): Promise<boolean> {
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
    if (!isDir) return unlinkCounted(path, rel, size, fail);
    let entries;
    try {
      entries = await fs.readdir(path);
    } catch (err) {
      fail(rel, err);
      return false;
    }
    let allGone = true;
    await mapLimit(entries, PURGE_CONCURRENCY, async (e) => {
      const child = join(path, e.name);
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      const gone = e.isDirectory()
        ? await purge(child, childRel, fail)
        : await unlinkCounted(child, childRel, null, fail);
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

  async function unlinkCounted(
    path: string,
    rel: string,
    knownSize: number | null,
    fail: (t: string, e: unknown) => void,
  ): Promise<boolean> {
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

  const setMarker = (stage: MarkerStage): Promise<void> => writeMarker(fs, markerPath, { endState, stage });

  // ---- Phase 1: the journal, then key material, durable before anything else happens. ----------
  await step('mark-pending', 1, false, async (fail) => {
    try {
      await setMarker(input.resumeStage ?? 1);
    } catch (err) {
      // Without a journal an interruption is not resumed, but the keys must still go: carry on.
      fail(MARKER_FILE, err);
    }
  });

  await step('destroy-keys', 1, false, async (fail) => {
    if (input.resumeStage !== 2) {
      let headerOk = true;
      const failHeader = (err: unknown): void => {
        headerOk = false;
        fail(`${VAULT_DIR}/${HEADER_FILE}`, err);
      };
      const headerPath = join(vaultDir, HEADER_FILE);
      const before = await readIfExists(fs, headerPath).catch(() => null);
      try {
        await input.destroyVaultKeys();
      } catch (err) {
        failHeader(err);
      }
      if (before) {
        // vault.destroyKeyMaterial() swallows an open() failure (e.g. EROFS): check the bytes really changed.
        const after = await readIfExists(fs, headerPath).catch(() => null);
        if (after && after.subarray(0, 64).equals(before.subarray(0, 64))) {
          try {
            await overwriteInPlace(fs, headerPath);
            await fsyncDir(fs, vaultDir).catch(() => undefined);
            counts.headers++;
            headerOk = true;
          } catch (err) {
            failHeader(err);
          }
        } else counts.headers++;
      }
      keysDestroyed = headerOk;
    } else keysDestroyed = true;
    // Stray copies of a header: a vault header rewrite killed before its rename (.tmp-* in the vault
    // root), the vault folder of an earlier interrupted wipe, a copy left by a crashed drill.
    const strays: { path: string; rel: string }[] = [];
    const vaultEntries = await fs.readdir(vaultDir).catch(() => []);
    for (const e of vaultEntries)
      if (e.isFile() && (e.name.startsWith(VAULT_TEMP_PREFIX) || e.name === LEGACY_HEADER_FILE))
        strays.push({ path: join(vaultDir, e.name), rel: `${VAULT_DIR}/${e.name}` });
    for (const e of await fs.readdir(dataDir).catch(() => []))
      if (e.isDirectory() && e.name.startsWith(TRASH_PREFIX))
        for (const name of HEADER_FILES)
          strays.push({
            path: join(dataDir, e.name, VAULT_DIR, name),
            rel: `${e.name}/${VAULT_DIR}/${name}`,
          });
    // The practice and help-desk profiles keep their own vaults under profiles/<name>/ (main/index.ts
    // sets their userData there). Phase 2 deletes them, but an unlink leaves the header's blocks
    // readable on the disk: overwrite each header (and its spare decoy) in place first.
    for (const e of await fs.readdir(join(dataDir, PROFILES_DIR)).catch(() => []))
      if (e.isDirectory())
        for (const sub of [VAULT_DIR, SPARE_DIR])
          for (const name of HEADER_FILES)
            strays.push({
              path: join(dataDir, PROFILES_DIR, e.name, sub, name),
              rel: `${PROFILES_DIR}/${e.name}/${sub}/${name}`,
            });
    if (!input.drill) {
      for (const e of await fs.readdir(paths.tmpDir).catch(() => []))
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
  });
  keysDestroyedMs = now() - started;

  // ---- Phase 2: delete everything else. -----------------------------------------------------
  const sim = input.drill;
  // A decoy shown on a duress unlock must not wait for Electron's session calls (each may take up
  // to portTimeoutMs): then how long the unlock took would tell a duress one from a normal one.
  // They hold nothing the decoy could show, so on that path they run after the decoy is open.
  const afterDecoy = input.onEndStateReady !== undefined && endState !== 'quit';
  const clearElectronSession = async (): Promise<void> => {
    await step('clear-session', 2, sim, async (fail) => {
      if (!sim) await port('clearSessionData', fail, () => input.ports.clearSessionData());
    });
    await step('clear-recent', 2, sim, async (fail) => {
      if (!sim) await port('clearRecentDocuments', fail, () => input.ports.clearRecentDocuments());
    });
  };
  if (!afterDecoy) await clearElectronSession();
  await step('reset-app-state', 2, sim, async (fail) => {
    const reset = input.ports.resetAppState;
    if (!sim && reset) await port('resetAppState', fail, () => reset());
  });

  // Detach: move every entry of the data folder into one trash folder with renames (O(entries), not
  // O(files)), so the data folder is empty within milliseconds and the decoy can take the vault's
  // place; the slow recursive delete follows. Entries that will not move are deleted in place.
  const trash = join(dataDir, `${TRASH_PREFIX}${randomBytes(6).toString('hex')}`);
  const toPurge: { path: string; rel: string }[] = [];
  await step('detach-data', 2, false, async (fail) => {
    const entries = await fs.readdir(dataDir);
    let trashReady = false;
    try {
      await fs.mkdir(trash, { recursive: false, mode: DIR_MODE });
      trashReady = true;
    } catch (err) {
      fail('trash', err);
    }
    for (const e of entries) {
      if (e.name === MARKER_FILE) continue;
      if (endState === 'decoy' && (e.name === SPARE_DIR || (e.name === VAULT_DIR && input.resumeStage === 2)))
        continue;
      const from = join(dataDir, e.name);
      if (e.name.startsWith(TRASH_PREFIX)) {
        toPurge.push({ path: from, rel: '' });
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
      toPurge.push({ path: from, rel: e.name });
    }
    if (trashReady) toPurge.unshift({ path: trash, rel: '' });
    await fsyncDir(fs, dataDir).catch(() => undefined);
  });

  const deleteTemp = (): Promise<void> =>
    step('delete-temp', 2, sim, async (fail) => {
      const entries = await fs.readdir(paths.tmpDir).catch(() => []);
      for (const e of entries) {
        if (!e.name.startsWith(paths.tmpPrefix)) continue;
        const p = join(paths.tmpDir, e.name);
        // Never delete the folder the data folder itself lives in (a data folder under tmp in tests/harness).
        if (dataDir === p || dataDir.startsWith(`${p}/`) || dataDir.startsWith(`${p}\\`)) continue;
        if (sim) {
          counts.tempFiles++;
          continue;
        }
        const before = counts.files;
        await purge(p, `tmp:${e.name}`, fail);
        counts.tempFiles += counts.files - before;
        counts.files = before;
      }
    });

  // ---- Phase 3: clipboard. -------------------------------------------------------------------
  const clearClipboard = (): Promise<void> =>
    step('clear-clipboard', 3, sim, async (fail) => {
      if (!sim) await port('clipboard', fail, () => input.ports.clipboard.clearIfOwned());
    });
  if (!afterDecoy) await deleteTemp();
  // Before any decoy shows: whoever holds the laptop could paste what was copied.
  await clearClipboard();

  // ---- Phase 4: end state, purge, journal removed. -------------------------------------------
  const purgeStep = (): Promise<void> =>
    step('purge', 2, false, async (fail) => {
      for (const t of toPurge) {
        await purge(t.path, t.rel, fail);
      }
      await fsyncDir(fs, dataDir).catch(() => undefined);
    });
  // The purge walks the trash with names relative to it ('vault/records/…'), which is what the counters expect.
  const endStep = (): Promise<void> =>
    step('end-state', 4, sim && endState !== 'decoy', async (fail) => {
      if (endState === 'decoy' && !decoyAlreadyInPlace) {
        await setMarker(2);
        try {
          await fs.rename(spareDir, vaultDir);
          await fsyncDir(fs, dataDir);
        } catch (err) {
          fail(SPARE_DIR, err);
          return;
        }
      }
      if (sim) return;
      if (endState === 'quit') return; // quit runs after the journal is gone, below
      const restore = input.ports.restoreAppState;
      if (restore) await port('restoreAppState', fail, () => restore());
      if (!input.onEndStateReady) {
        const show = input.ports.showEndState;
        if (show) await port('showEndState', fail, () => show(endState === 'fresh' ? 'first-run' : 'lock'));
      }
    });
  const clearPending = (): Promise<void> =>
    step('clear-pending', 4, false, async () => {
      // Anything left behind: keep the journal so the next start tries again (idempotent).
      if (failures.length > 0) return;
      await fs.unlink(markerPath);
      await fsyncDir(fs, dataDir).catch(() => undefined);
    });

  if (input.onEndStateReady && afterDecoy) {
    await endStep();
    await input.onEndStateReady(endState).catch((err: unknown) => {
      failures.push({ target: 'end-state', code: failureCode(err) });
    });
    await clearElectronSession();
    await deleteTemp();
    await purgeStep();
    await clearPending();
  } else {
    await purgeStep();
    await endStep();
    await clearPending();
  }
  if (endState === 'quit' && !sim) {
    const quit = input.ports.quit;
    if (quit)
      await port(
        'quit',
        (t, e) => failures.push({ target: t, code: failureCode(e) }),
        () => quit(),
      );
  }

  return {
    trigger: input.trigger,
    drill: input.drill,
    endState,
    keysDestroyed,
    complete: failures.length === 0,
    steps,
    destroyed: counts,
    failures,
    keysDestroyedMs,
    totalMs: now() - started,
  };
}
