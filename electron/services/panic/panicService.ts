import { randomBytes } from 'node:crypto';
import { homedir, tmpdir } from 'node:os';
import { join, parse, resolve, sep } from 'node:path';
import { isTikhoError } from '../../../shared/errors';
import { recoverySecretFromInput } from '../vault';
import type { VaultService } from '../vault';
import { createVaultService } from '../vault';
import { copyTree, overwriteInPlace, removeTree } from './durableFile';
import {
  DEFAULT_CONFIG,
  isEndState,
  isFailedUnlockLimit,
  readConfig,
  writeConfig,
  type PanicConfig,
} from './panicConfig';
import { panicError } from './panicErrors';
import { deadManDue, deadManDueAt, isDeadManDays, toUnlockSeconds, type DeadManDays } from './deadMan';
import { DIR_MODE, nodePanicFs, type PanicFs } from './panicFs';
import { runPanicPlan } from './panicPlan';
import { HEADER_FILE, HEADER_FILES, LEGACY_HEADER_FILE, VAULT_DIR, type PlanPaths } from './planNames';
import type {
  EndState,
  FailedUnlockLimit,
  GuardedUnlockResult,
  PanicConfigView,
  PanicPorts,
  PanicReport,
  PanicTrigger,
} from './panicTypes';
import {
  buildFiller,
  buildSpare,
  spareReady as spareFolderReady,
  type CreateVault,
  type DecoyNote,
  type SpareContext,
} from './spareFolder';
import { DECOY_NOTE_KEYS } from '../../../shared/ipc/panic';
import { duressTooClose } from './typoGuard';
import { GUARD_FILE, loadGuard, readHeaderPrefix, storeGuard, type GuardState } from './unlockGuard';
import { MARKER_FILE, readMarker } from './wipeMarker';
import { createMirrorSecretSource, MIRROR_KEY_FILE, type MirrorKeystorePort } from './mirrorSecret';
import { createSerialQueue } from '../common';
import type { WarnLogger } from '../log';

/** The part of the vault service the panic service uses (a narrow seam, easy to wrap in tests). */
export type PanicVault = Pick<
  VaultService,
  | 'unlock'
  | 'lockEpoch'
  | 'lock'
  | 'isUnlocked'
  | 'destroyKeyMaterial'
  | 'verifyPrimaryPassphrase'
  | 'setSlot'
  | 'clearSlot'
  | 'hasDuressSlot'
  | 'records'
  | 'notes'
  | 'recoveryCodeCreated'
  | 'onHeaderChange'
>;

export interface PanicServiceOptions {
  /** Electron's userData: holds vault/, spare/, settings.json, state.bin and Electron's own session data. */
  dataDir: string;
  /** The app's vault service for `<dataDir>/vault`. */
  vault: PanicVault;
  ports: PanicPorts;
  /**
   * Opens another vault folder (decoy set-up, drill copy). Default: createVaultService({ dir }).
   * `clock` dates the decoy's notes like a notebook used since the real one was made.
   */
  createVault?: CreateVault;
  fs?: PanicFs;
  /** Milliseconds, monotonic (default performance.now). */
  clock?: () => number;
  /** Milliseconds since the epoch (default Date.now): dates the decoy's notes, times the dead-man wipe. */
  wallClock?: () => number;
  sleep?: (ms: number) => Promise<void>;
  logger?: WarnLogger;
  /** Default os.tmpdir(). */
  tmpDir?: string;
  /** Temp entries the app creates carry this prefix. Default 'tikho-'. */
  tmpPrefix?: string;
  /** Upper bound for each Electron port call, so a hung call cannot stall the wipe. Default 3000. */
  portTimeoutMs?: number;
  /**
   * Pads every guarded unlock to about twice the vault unlock time, so a duress unlock (which opens
   * the decoy after the wipe: a second Argon2id) takes as long as a normal one. Default true.
   */
  equaliseUnlockTiming?: boolean;
  /**
   * A practice service over a disposable copy (practice.ts): every run is a drill — the ports and
   * the OS temp folder are only counted — while the triggers, the guard and the end state are real.
   */
  practice?: boolean;
  /** Told every report this service's plan produced (the practice shows it to the person). */
  onReport?: (report: PanicReport) => void;
  /** Main's OS keystore (safeStorage): seals the secret half of the lock-screen mirror's key. Absent: header bytes only. */
  keystore?: MirrorKeystorePort;
}

export type { DecoyNote } from './spareFolder';

export interface PanicService {
  /** Global shortcut (at once) or the in-app button (after the UI's 5-second countdown). Concurrent calls share one run. */
  trigger(kind: 'shortcut' | 'button'): Promise<PanicReport>;
  /** The lock screen's only unlock: counts attempts, runs the duress and failed-unlock wipes silently. */
  unlockOrPanic(passphrase: string): Promise<GuardedUnlockResult>;
  /** A typed recovery code; one that cannot be right is refused before the KDF and is not counted. */
  unlockWithRecoveryCodeOrPanic(typed: string): Promise<GuardedUnlockResult>;
  /** Attempts left before the failed-unlock wipe, or null when the limit is off. Only on request. */
  remainingUnlockAttempts(): Promise<number | null>;
  getConfig(): Promise<PanicConfigView>;
  setEndState(endState: EndState): Promise<void>;
  setFailedUnlockLimit(limit: FailedUnlockLimit | null): Promise<void>;
  setDeadMan(days: DeadManDays | null): Promise<void>;
  /**
   * Call at start-up after recoverInterruptedWipe, before any window: runs the plan when the
   * dead-man wipe is set and its days have passed since the last unlock. Nothing on screen yet.
   */
  wipeIfDeadManDue(): Promise<PanicReport | null>;
  /** Verifies the current passphrase, refuses a duress one within typo distance, sets the slot, builds the decoy. */
  setUpDuress(input: {
    currentPassphrase: string;
    duressPassphrase: string;
    decoyNotes?: DecoyNote[];
  }): Promise<void>;
  removeDuress(): Promise<void>;
  /** The same plan on a disposable copy of the data folder; the real data is untouched. */
  drill(): Promise<PanicReport>;
  /** Call once at start-up, before the lock screen: finishes a wipe a kill or power cut interrupted. */
  recoverInterruptedWipe(): Promise<PanicReport | null>;
  /** After a vault is created: gives the data folder its spare/ filler (spareFolder.ts). Returns at once. */
  prepareSpare(): void;
  /** Resolves when no wipe and no spare/ build is running (a duress unlock returns before its purge finishes). */
  whenIdle(): Promise<void>;
}

/** Refuses a data folder whose wipe would take the user's other files with it. */
function assertSafeDataDir(dataDir: string): string {
  const abs = resolve(dataDir);
  const parts = abs.split(sep).filter((p) => p.length > 0);
  const forbidden = [parse(abs).root, resolve(homedir()), resolve(tmpdir())];
  if (parts.length < 2 || forbidden.includes(abs)) throw panicError('panic/unsafe-data-dir');
  return abs;
}

export function createPanicService(options: PanicServiceOptions): PanicService {
  const dataDir = assertSafeDataDir(options.dataDir);
  const { vault, ports, logger } = options;
  const fs = options.fs ?? nodePanicFs;
  const now = options.clock ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const createVault =
    options.createVault ??
    ((dir: string, extra?: { clock?: () => number }) => createVaultService({ dir, ...extra }));
  const wallClock = options.wallClock ?? (() => Date.now());
  const tmpPrefix = options.tmpPrefix ?? 'tikho-';
  const paths: PlanPaths = {
    dataDir,
    tmpDir: options.tmpDir ?? tmpdir(),
    tmpPrefix,
    drillPrefix: `${tmpPrefix}drill-`,
  };
  const portTimeoutMs = options.portTimeoutMs ?? 3000;
  const equalise = options.equaliseUnlockTiming ?? true;
  const vaultDir = join(dataDir, VAULT_DIR);
  const headerPath = join(vaultDir, HEADER_FILE);
  const legacyHeaderPath = join(vaultDir, LEGACY_HEADER_FILE);
  const guardPath = join(dataDir, GUARD_FILE);
  const mirrorSecret = createMirrorSecretSource({
    fs,
    path: join(dataDir, MIRROR_KEY_FILE),
    keystore: options.keystore,
    logger,
  });

  let running: Promise<PanicReport> | null = null;
  let drilling: Promise<PanicReport> | null = null;
  const unlockQueue = createSerialQueue();
  /** Last end state seen while unlocked: lets a locked-screen shortcut skip reading the mirror. */
  let cachedEndState: EndState | null = null;

  const requireUnlocked = (): void => {
    if (!vault.isUnlocked()) throw panicError('panic/locked');
  };
  const spareReady = (): Promise<boolean> => spareFolderReady(fs, dataDir);
  /** A decoy, not a filler, waits in spare/ (the config says so, the folder alone cannot). */
  const decoyReady = async (config: PanicConfig): Promise<boolean> =>
    config.decoyPrepared === true && (await spareReady());
  const spare: SpareContext = { fs, dataDir, source: vault, createVault, wallClock };
  /** Builds of spare/ one at a time: a decoy and a filler must not swap in over each other. */
  const spareQueue = createSerialQueue();
  let spareWork: Promise<void> = Promise.resolve();

  /**
   * The bytes the mirror is keyed by: the format-2 header's, or a format-1 header's until the
   * first unlock converts it (so an upgraded install keeps its failed-unlock limit meanwhile).
   */
  async function headerPrefix(): Promise<Buffer | null> {
    for (const path of [headerPath, legacyHeaderPath]) {
      const prefix = await readHeaderPrefix(fs, path).catch(() => null);
      if (prefix) return prefix;
    }
    return null;
  }

  /** A re-seal after a header write (below); a read of the mirror waits for it. */
  let resealing: Promise<void> = Promise.resolve();

  async function loadMirror(): Promise<{ prefix: Buffer | null; guard: GuardState }> {
    await resealing;
    const prefix = await headerPrefix();
    const secret = prefix ? await mirrorSecret.forOpen() : 'none';
    const guard = await loadGuard(fs, guardPath, prefix, secret);
    if (Buffer.isBuffer(secret)) secret.fill(0);
    return { prefix, guard };
  }

  async function saveMirror(prefix: Buffer | null, guard: GuardState): Promise<void> {
    if (!prefix) return;
    let secret: Buffer | null = null;
    try {
      secret = await mirrorSecret.forSeal();
      await storeGuard(fs, guardPath, prefix, guard, secret);
    } catch (err) {
      logger?.warn('panic: could not write the unlock state', { code: isTikhoError(err) ? err.code : 'io' });
    } finally {
      secret?.fill(0);
    }
  }

  async function resolveEndState(): Promise<EndState> {
    if (cachedEndState) return cachedEndState;
    return (await loadMirror()).guard.endState;
  }

  /** One plan run at a time: a trigger during a run joins it instead of starting a second one. */
  function runOnce(
    trigger: PanicTrigger,
    endState: EndState | (() => Promise<EndState>),
    extra: { onEndStateReady?: (e: EndState) => Promise<void>; ports?: PanicPorts; resumeStage?: 1 | 2 } = {},
  ): Promise<PanicReport> {
    if (running) return running;
    const run = (async () => {
      const chosen = typeof endState === 'function' ? await endState() : endState;
      const report = await runPanicPlan({
        paths,
        fs,
        now,
        trigger,
        drill: options.practice === true,
        endState: chosen,
        destroyVaultKeys: () => vault.destroyKeyMaterial(),
        ports: extra.ports ?? ports,
        portTimeoutMs,
        notesCount: null,
        ...(extra.resumeStage ? { resumeStage: extra.resumeStage } : {}),
        ...(extra.onEndStateReady ? { onEndStateReady: extra.onEndStateReady } : {}),
      });
      cachedEndState = null;
      options.onReport?.(report);
      if (!report.complete)
        logger?.warn('panic: wipe finished with leftovers', {
          trigger,
          failures: report.failures.length,
          keysDestroyed: report.keysDestroyed,
        });
      return report;
    })();
    running = run;
    void run.then(
      () => {
        if (running === run) running = null;
      },
      () => {
        if (running === run) running = null;
      },
    );
    return run;
  }

  async function padTo(started: number, target: number): Promise<void> {
    if (!equalise) return;
    const wait = target - (now() - started);
    if (wait > 0) await sleep(wait);
  }

  async function guardedUnlock(passphrase: string): Promise<GuardedUnlockResult> {
    if (running) await running.catch(() => undefined);
    // A lock (button, shortcut, idle, suspend, screen lock) from here on cancels this unlock and
    // the decoy unlock after a duress one, so a lid closed mid-unlock never leaves a vault open.
    const lockSeen = vault.lockEpoch;
    const t0 = now();
    const { prefix, guard } = await loadMirror();
    // Count the attempt BEFORE trying, durably: killing the app mid-attempt cannot dodge the limit.
    const counted: GuardState = { ...guard, failedCount: guard.failedCount + 1 };
    await saveMirror(prefix, counted);
    const u0 = now();
    let result;
    try {
      result = await vault.unlock(passphrase, { lockEpoch: lockSeen });
    } catch (err) {
      // No vault (a finished wipe, or never created): the only honest screen is the first run.
      if (isTikhoError(err) && err.code === 'vault/not-found') return { ok: false, next: 'first-run' };
      throw err;
    }
    const unlockMs = now() - u0;
    // What a normal unlock costs with the second Argon2id a decoy unlock needs (see equaliseUnlockTiming).
    const target = u0 - t0 + 2 * unlockMs;

    if (!result.ok && result.cancelled) {
      // The passphrase was right: the attempt must not count towards the failed-unlock wipe.
      await saveMirror(prefix, guard);
      return { ok: false, next: 'lock' };
    }

    if (!result.ok) {
      const limit = counted.failedUnlockLimit;
      if (limit !== null && counted.failedCount >= limit) {
        const report = await runOnce('failed-unlock', counted.endState, {
          ports: { ...ports, showEndState: undefined },
        });
        await padTo(t0, target);
        if (report.endState === 'quit') return { ok: false, next: 'quit' };
        return { ok: false, next: report.endState === 'fresh' ? 'first-run' : 'lock' };
      }
      await padTo(t0, target);
      return { ok: false, next: 'lock' };
    }

    if (result.role === 'duress') {
      // The duress slot opens nothing and the vault stays locked, so every vault-reading IPC
      // channel answers vault/locked until the decoy is in place. The end state comes from the
      // lock-screen mirror, rebuilt from the real config at every real unlock.
      const config = { ...DEFAULT_CONFIG, endState: guard.endState };
      let outcome: GuardedUnlockResult = { ok: false, next: 'quit' };
      let endStateReady: () => void = () => undefined;
      const ready = new Promise<'ready'>((resolve) => {
        endStateReady = () => resolve('ready');
      });
      const openEndState = async (endState: EndState): Promise<void> => {
        if (endState === 'fresh') {
          outcome = { ok: false, next: 'first-run' };
          return;
        }
        // The decoy's primary passphrase IS the duress passphrase: open it with what was just typed.
        const opened = await vault.unlock(passphrase, { lockEpoch: lockSeen });
        outcome = opened.ok ? { ok: true, role: 'primary' } : { ok: false, next: 'lock' };
        // The decoy's mirror is written exactly as a real unlock writes one (its own config, this
        // unlock's time): state.bin opens under public header bytes, and a never-unlocked-looking
        // mirror (last unlock 0) next to an open notebook would tell that this is the decoy.
        const decoyConfig = opened.ok
          ? await readConfig(vault.records).catch(() => ({ ...DEFAULT_CONFIG }))
          : { ...DEFAULT_CONFIG };
        await saveMirror(await headerPrefix(), mirrorOf(decoyConfig));
        cachedEndState = 'quit';
        // The decoy came out of spare/: a real notebook's folder has one, so it gets its filler.
        if (opened.ok) scheduleSpare();
      };
      // The answer goes back as soon as the end state is in place; the purge and Electron's
      // session calls go on behind it (whenIdle waits for them), so their duration — which grows
      // with the notebook and with slow OS calls — does not show in how long the unlock took.
      const plan = runOnce('duress', config.endState, {
        ports: { ...ports, showEndState: undefined },
        onEndStateReady: async (endState) => {
          try {
            await openEndState(endState);
          } finally {
            endStateReady();
          }
        },
      }).catch(() => null);
      const first = await Promise.race([ready, plan]);
      if (first !== 'ready' && first?.endState === 'quit') outcome = { ok: false, next: 'quit' };
      await padTo(t0, target);
      return outcome;
    }

    const config = await readConfig(vault.records).catch(() => ({ ...DEFAULT_CONFIG }));
    cachedEndState = config.endState;
    // Re-read: the unlock may have rewritten the header (a format-1 conversion, a finished change).
    await saveMirror((await headerPrefix()) ?? prefix, mirrorOf(config));
    scheduleSpare();
    await padTo(t0, target);
    return { ok: true, role: result.role };
  }

  function serialUnlock(passphrase: string): Promise<GuardedUnlockResult> {
    return unlockQueue.run(() => guardedUnlock(passphrase));
  }

  /** Read-modify-write of the config one at a time: a background filler must not undo a setting. */
  const configQueue = createSerialQueue();
  function updateConfig(patch: Partial<PanicConfig>): Promise<void> {
    return configQueue.run(async () => {
      requireUnlocked();
      const epoch = vault.lockEpoch;
      const next = { ...(await readConfig(vault.records)), ...patch };
      await writeConfig(vault.records, next);
      cachedEndState = next.endState;
      // Locked meanwhile: the lock screen's attempts now own the mirror, and a reset counter
      // written behind them would undo the failed-unlock limit. The next unlock rebuilds it.
      if (vault.lockEpoch !== epoch) return;
      const { prefix } = await loadMirror();
      await saveMirror(prefix, mirrorOf(next));
    });
  }

  /** What the lock screen needs of the config, stamped now: only called while really unlocked. */
  function mirrorOf(config: PanicConfig): GuardState {
    return {
      failedUnlockLimit: config.failedUnlockLimit,
      endState: config.endState,
      failedCount: 0,
      deadManDays: config.deadManDays,
      lastUnlockAt: toUnlockSeconds(wallClock()),
    };
  }

  /** Proves the caller knows the real passphrase without locking the vault (see README: vault API wish). */
  async function verifyPrimary(passphrase: string): Promise<void> {
    try {
      await vault.verifyPrimaryPassphrase(passphrase);
    } catch (err) {
      if (isTikhoError(err) && err.code === 'vault/wrong-passphrase')
        throw panicError('panic/wrong-passphrase');
      throw err;
    }
  }

  /**
   * The decoy must pass for the notebook a person has used since they installed Tikho: its notes
   * are spread over the real notebook's age and were edited after they were written (never all
   * stamped with the minute of set-up), its recovery-code state is the real one's, and choosing a
   * decoy makes it the end state, so the duress passphrase opens a notebook instead of blanking
   * the window in front of whoever forced the unlock (docs/panic.md §Duress passphrase and decoy).
   */
  async function buildDecoy(duressPassphrase: string, notes: DecoyNote[]): Promise<void> {
    try {
      await spareQueue.run(() => buildSpare(spare, duressPassphrase, notes));
    } catch (err) {
      logger?.warn('panic: decoy set-up failed', { code: isTikhoError(err) ? err.code : 'io' });
      throw panicError('panic/decoy-failed');
    }
    await updateConfig({ endState: 'decoy', decoyPrepared: true });
  }

  /**
   * Gives spare/ its filler when it has none (a new vault, an upgraded one, the decoy just opened
   * after a duress wipe, a build a kill interrupted). Runs behind the unlock that asked for it:
   * nothing on screen waits for it.
   */
  async function ensureSpare(): Promise<void> {
    await running?.catch(() => undefined);
    if (!vault.isUnlocked()) return;
    const config = await readConfig(vault.records);
    const present = await spareReady();
    // Before fillers, spare/ only ever held a prepared decoy.
    if (config.decoyPrepared === null) await updateConfig({ decoyPrepared: present });
    if (!present) await buildFiller(spare, DECOY_NOTE_KEYS.length);
  }

  function scheduleSpare(): void {
    if (options.practice === true) return;
    spareWork = spareQueue.run(ensureSpare).catch((err: unknown) => {
      logger?.warn('panic: spare folder not built', { code: isTikhoError(err) ? err.code : 'io' });
    });
  }

  // Every header write changes the bytes the lock-screen mirror is keyed by (format 2 re-randomises
  // the whole header): re-seal it from the real config at once, or the failed-unlock limit would
  // read as "off" until the next unlock.
  vault.onHeaderChange(() => {
    if (!vault.isUnlocked()) return;
    resealing = resealing.then(async () => {
      const config = await readConfig(vault.records).catch(() => null);
      if (!config) return;
      await saveMirror(await headerPrefix(), mirrorOf(config));
    });
  });

  const service: PanicService = {
    trigger(kind) {
      return runOnce(kind, resolveEndState);
    },

    unlockOrPanic: serialUnlock,

    async unlockWithRecoveryCodeOrPanic(typed) {
      return serialUnlock(recoverySecretFromInput(typed));
    },

    async remainingUnlockAttempts() {
      const { guard } = await loadMirror();
      if (guard.failedUnlockLimit === null) return null;
      return Math.max(0, guard.failedUnlockLimit - guard.failedCount);
    },

    async getConfig() {
      requireUnlocked();
      const config = await readConfig(vault.records);
      const due = deadManDueAt((await loadMirror()).guard);
      return {
        endState: config.endState,
        failedUnlockLimit: config.failedUnlockLimit,
        deadManDays: config.deadManDays,
        duressSet: await vault.hasDuressSlot(),
        decoyReady: await decoyReady(config),
        lockScreenProtection: mirrorSecret.protection,
        deadManDueAt: config.deadManDays === null || due === null ? null : new Date(due).toISOString(),
      };
    },

    async setEndState(endState) {
      if (!isEndState(endState)) throw panicError('panic/invalid-end-state');
      requireUnlocked();
      if (endState === 'decoy' && !(await decoyReady(await readConfig(vault.records))))
        throw panicError('panic/no-decoy');
      await updateConfig({ endState });
    },

    async setFailedUnlockLimit(limit) {
      if (limit !== null && !isFailedUnlockLimit(limit)) throw panicError('panic/invalid-limit');
      await updateConfig({ failedUnlockLimit: limit });
    },

    async setDeadMan(days) {
      if (days !== null && !isDeadManDays(days)) throw panicError('panic/invalid-dead-man');
      await updateConfig({ deadManDays: days });
    },

    async wipeIfDeadManDue() {
      const { prefix, guard } = await loadMirror();
      if (!prefix || !deadManDue(guard, wallClock())) return null;
      // Like the start-up recovery: nothing is on screen yet; the glue then shows what is left.
      return runOnce('dead-man', guard.endState, {
        ports: { ...ports, quit: undefined, showEndState: undefined },
      });
    },

    async setUpDuress({ currentPassphrase, duressPassphrase, decoyNotes }) {
      requireUnlocked();
      const reason = duressTooClose(currentPassphrase, duressPassphrase);
      if (reason) throw panicError('panic/duress-too-close', { reason });
      await verifyPrimary(currentPassphrase);
      await vault.setSlot('duress', duressPassphrase);
      if (decoyNotes) await buildDecoy(duressPassphrase, decoyNotes);
    },

    async removeDuress() {
      requireUnlocked();
      await vault.clearSlot('duress');
      const config = await readConfig(vault.records);
      // The config first: from here on spare/ is a filler whatever it still holds.
      await updateConfig({
        decoyPrepared: false,
        ...(config.endState === 'decoy' ? { endState: 'quit' } : {}),
      });
      try {
        await spareQueue.run(() => buildFiller(spare, DECOY_NOTE_KEYS.length));
      } catch (err) {
        // The duress slot is gone, so the old decoy opens nothing real; the next unlock retries.
        logger?.warn('panic: filler not built', { code: isTikhoError(err) ? err.code : 'io' });
      }
    },

    drill() {
      if (drilling) return drilling;
      const run = (async () => {
        const root = join(paths.tmpDir, `${paths.drillPrefix}${randomBytes(8).toString('hex')}`);
        const copy = join(root, 'data');
        try {
          await copyTree(fs, dataDir, copy, DIR_MODE);
          // The live vault's notes are in memory while unlocked: counting them reads nothing from disk.
          const notesCount = vault.isUnlocked() ? vault.notes.list().length : null;
          const copyVault = createVault(join(copy, VAULT_DIR));
          const endState = await resolveEndState();
          return await runPanicPlan({
            paths: { ...paths, dataDir: copy },
            fs,
            now,
            trigger: 'drill',
            drill: true,
            endState,
            destroyVaultKeys: () => copyVault.destroyKeyMaterial(),
            ports,
            portTimeoutMs,
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
      })();
      drilling = run;
      void run.then(
        () => (drilling = null),
        () => (drilling = null),
      );
      return run;
    },

    async recoverInterruptedWipe() {
      // A drill killed half-way leaves a copy of the vault (header included) in the temp folder.
      if (!drilling) {
        for (const e of await fs.readdir(paths.tmpDir).catch(() => [])) {
          if (!e.isDirectory() || !e.name.startsWith(paths.drillPrefix)) continue;
          const root = join(paths.tmpDir, e.name);
          for (const name of HEADER_FILES)
            await overwriteInPlace(fs, join(root, 'data', VAULT_DIR, name)).catch(() => undefined);
          await removeTree(fs, root);
        }
      }
      const marker = await readMarker(fs, join(dataDir, MARKER_FILE)).catch(() => null);
      if (!marker) return null;
      // At start-up nothing is on screen yet: finish quietly; the glue shows what the folder holds.
      return runOnce('recovery', marker.endState, {
        ports: { ...ports, quit: undefined, showEndState: undefined },
        resumeStage: marker.stage,
      });
    },

    prepareSpare: scheduleSpare,

    async whenIdle() {
      await running?.catch(() => undefined);
      await spareWork;
    },
  };
  return service;
}
