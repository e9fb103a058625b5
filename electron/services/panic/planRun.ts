import { join } from 'node:path';
import { failureCode } from './panicErrors';
import type {
  DestroyedCounts,
  EndState,
  PanicFailure,
  PanicPorts,
  PanicStepName,
  PanicStepReport,
  PanicTrigger,
} from './panicTypes';
import { SPARE_DIR, VAULT_DIR, type PlanPaths } from './planNames';
import { MARKER_FILE, writeMarker, type MarkerStage } from './wipeMarker';
import { type FileSystem } from '../common';

export interface PlanInput {
  paths: PlanPaths;
  fs: FileSystem;
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

export interface Counters extends DestroyedCounts {
  bytes: number | null;
}

export type Fail = (target: string, err: unknown) => void;

/** One run of the plan: its input, the folders it works on, and what it has found and done so far. */
export interface PlanRun {
  input: PlanInput;
  fs: FileSystem;
  now: () => number;
  dataDir: string;
  vaultDir: string;
  spareDir: string;
  markerPath: string;
  /** The end state the run ends in (a decoy end state without a decoy falls back to fresh). */
  endState: EndState;
  /** An interrupted wipe had moved the decoy in already: the vault path holds it. */
  decoyAlreadyInPlace: boolean;
  /** A drill: steps that touch the real system (ports, the OS temp folder) are only counted. */
  sim: boolean;
  counts: Counters;
  failures: PanicFailure[];
  steps: PanicStepReport[];
  keysDestroyed: boolean;
  /** What the detach step moved aside, deleted by the purge step. */
  toPurge: { path: string; rel: string }[];
}

export function newPlanRun(input: PlanInput, endState: EndState, decoyAlreadyInPlace: boolean): PlanRun {
  const dataDir = input.paths.dataDir;
  return {
    input,
    fs: input.fs,
    now: input.now,
    dataDir,
    vaultDir: join(dataDir, VAULT_DIR),
    spareDir: join(dataDir, SPARE_DIR),
    markerPath: join(dataDir, MARKER_FILE),
    endState,
    decoyAlreadyInPlace,
    sim: input.drill,
    counts: {
      notes: input.notesCount,
      attachments: 0,
      records: 0,
      headers: 0,
      files: 0,
      bytes: input.drill ? 0 : null,
      tempFiles: 0,
    },
    failures: [],
    steps: [],
    keysDestroyed: false,
    toPurge: [],
  };
}

/** Runs one step and reports it; a throw or a listed failure never stops the plan. */
export async function runStep(
  run: PlanRun,
  name: PanicStepName,
  phase: PanicStepReport['phase'],
  simulated: boolean,
  work: (fail: Fail) => Promise<void>,
): Promise<void> {
  const t0 = run.now();
  const own: PanicFailure[] = [];
  const fail: Fail = (target, err) => {
    own.push({ target, code: failureCode(err) });
  };
  try {
    await work(fail);
  } catch (err) {
    fail(name, err);
  }
  run.failures.push(...own);
  run.steps.push({ step: name, phase, ok: own.length === 0, ms: run.now() - t0, simulated, failures: own });
}

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

/** An Electron port call, bounded in time so a hung call cannot stall the wipe. */
export async function callPort(run: PlanRun, name: string, fail: Fail, fn: () => unknown): Promise<void> {
  try {
    await withTimeout(async () => {
      await fn();
    }, run.input.portTimeoutMs);
  } catch (err) {
    fail(name, err);
  }
}

export const setMarker = (run: PlanRun, stage: MarkerStage): Promise<void> =>
  writeMarker(run.fs, run.markerPath, { endState: run.endState, stage });
