import { homedir, tmpdir } from 'node:os';
import { parse, resolve, sep } from 'node:path';
import {
  createSerialQueue,
  createSingleFlight,
  type SerialQueue,
  type SingleFlight,
  nodeFileSystem,
  type FileSystem,
} from '../common';
import type { WarnLogger } from '../log';
import { createVaultService } from '../vault';
import { createLockScreenMirror, type LockScreenMirror } from './lockScreenMirror';
import { panicError } from './panicErrors';
import type { PanicServiceOptions, PanicVault } from './panicServiceTypes';
import type { PanicPorts, PanicReport } from './panicTypes';
import type { PlanPaths } from './planNames';
import type { CreateVault, SpareContext } from './spareFolder';

/** What every part of the panic service shares: its options resolved, its queues and runs. */
export interface PanicCore {
  options: PanicServiceOptions;
  dataDir: string;
  vault: PanicVault;
  ports: PanicPorts;
  logger: WarnLogger | undefined;
  fs: FileSystem;
  /** Milliseconds, monotonic. */
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  wallClock: () => number;
  createVault: CreateVault;
  paths: PlanPaths;
  portTimeoutMs: number;
  equaliseUnlockTiming: boolean;
  mirror: LockScreenMirror;
  spare: SpareContext;
  /** The plan run in progress (a trigger during it joins it), and the drill in progress. */
  runs: SingleFlight<PanicReport>;
  drills: SingleFlight<PanicReport>;
  /** Lock-screen unlocks one at a time. */
  unlockQueue: SerialQueue;
  /** Builds of spare/ one at a time: a decoy and a filler must not swap in over each other. */
  spareQueue: SerialQueue;
  /** The background spare/ build last scheduled (whenIdle waits for it). */
  spareWork: Promise<void>;
  /** Read-modify-writes of the config one at a time: a background filler must not undo a setting. */
  configQueue: SerialQueue;
}

/** Refuses a data folder whose wipe would take the user's other files with it. */
function assertSafeDataDir(dataDir: string): string {
  const abs = resolve(dataDir);
  const parts = abs.split(sep).filter((p) => p.length > 0);
  const forbidden = [parse(abs).root, resolve(homedir()), resolve(tmpdir())];
  if (parts.length < 2 || forbidden.includes(abs)) throw panicError('panic/unsafe-data-dir');
  return abs;
}

export function createPanicCore(options: PanicServiceOptions): PanicCore {
  const dataDir = assertSafeDataDir(options.dataDir);
  const { vault, logger } = options;
  const fs = options.fs ?? nodeFileSystem;
  const wallClock = options.wallClock ?? (() => Date.now());
  const createVault: CreateVault =
    options.createVault ?? ((dir, extra) => createVaultService({ dir, ...extra }));
  const tmpPrefix = options.tmpPrefix ?? 'tikho-';
  return {
    options,
    dataDir,
    vault,
    ports: options.ports,
    logger,
    fs,
    now: options.clock ?? (() => performance.now()),
    sleep: options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms))),
    wallClock,
    createVault,
    paths: { dataDir, tmpDir: options.tmpDir ?? tmpdir(), tmpPrefix, drillPrefix: `${tmpPrefix}drill-` },
    portTimeoutMs: options.portTimeoutMs ?? 3000,
    equaliseUnlockTiming: options.equaliseUnlockTiming ?? true,
    mirror: createLockScreenMirror({ fs, dataDir, vault, wallClock, keystore: options.keystore, logger }),
    spare: { fs, dataDir, source: vault, createVault, wallClock },
    runs: createSingleFlight<PanicReport>(),
    drills: createSingleFlight<PanicReport>(),
    unlockQueue: createSerialQueue(),
    spareQueue: createSerialQueue(),
    spareWork: Promise.resolve(),
    configQueue: createSerialQueue(),
  };
}

export function requireUnlocked(core: PanicCore): void {
  if (!core.vault.isUnlocked()) throw panicError('panic/locked');
}
