import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { deriveKek } from './keyDerivation';
import { KDF_CEILING, KDF_DEFAULTS, KDF_FLOOR } from './formatConstants';
import type { KdfParams } from './kdfParams';

const MiB = 1024;

/**
 * What calibration aims for. One derivation of at least a second, so each guess at
 * a seized header costs an attacker's hardware what it costs this computer; at most a few seconds,
 * so unlocking stays bearable; 256 MiB, so a GPU's many cores each need a quarter GiB of their own.
 */
export interface CalibrationTarget {
  minMs: number;
  maxMs: number;
  memoryKiB: number;
  /** Never below this memory, whatever the computer has: the value of format 1 (64 MiB). */
  floorMemoryKiB: number;
}

export const CALIBRATION_TARGET: CalibrationTarget = {
  minMs: 1000,
  maxMs: 3000,
  memoryKiB: 256 * MiB,
  floorMemoryKiB: KDF_DEFAULTS.memoryKiB,
};

/**
 * Why the memory is what it is. `target`: the full target. `low-total-memory` / `low-free-memory`:
 * the computer could not spare it without swapping (a swapped Argon2id is slower for us, not for an
 * attacker). `slow-computer`: even the fewest passes took longer than maxMs at the target memory.
 */
export type CalibrationReason = 'target' | 'low-total-memory' | 'low-free-memory' | 'slow-computer';

export interface Calibration {
  params: KdfParams;
  /** The last measured derivation at `params`, ms. */
  measuredMs: number;
  reason: CalibrationReason;
}

export interface CalibrationDeps {
  /** Time of one derivation at these parameters, ms. Default: a real Argon2id run (libuv pool). */
  measure?: (params: KdfParams) => Promise<number>;
  memory?: { totalBytes: number; freeBytes: number };
  cpus?: number;
  target?: CalibrationTarget;
}

/**
 * A real derivation with a throwaway password and salt: the timing is all that is kept. The time
 * is what the run would take on this computer when idle: the wall clock, or the process's CPU time
 * shared over the lanes when that is less. A vault made while a browser or an update keeps the
 * cores busy would otherwise get weaker parameters for good, measured on borrowed time.
 */
export async function measureArgon2(params: KdfParams, cpus = os.availableParallelism()): Promise<number> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const kek = await deriveKek(randomBytes(16).toString('hex'), randomBytes(16), params);
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  kek.fill(0);
  const idleMs = (used.user + used.system) / 1000 / Math.max(1, Math.min(params.parallelism, cpus));
  return Math.min(wallMs, idleMs);
}

/**
 * Memory for the KDF: the target when the computer has it to spare. "To spare" is a quarter of the
 * free memory and an eighth of the total: the app itself, the renderer and whatever else the person
 * runs live beside it, and a second unlock must not fail on a busier day.
 */
export function chooseMemory(
  memory: { totalBytes: number; freeBytes: number },
  target: CalibrationTarget,
): { memoryKiB: number; reason: CalibrationReason } {
  const byTotal = Math.floor(memory.totalBytes / 1024 / 8);
  const byFree = Math.floor(memory.freeBytes / 1024 / 4);
  if (byTotal >= target.memoryKiB && byFree >= target.memoryKiB)
    return { memoryKiB: target.memoryKiB, reason: 'target' };
  const spare = Math.min(byTotal, byFree);
  // Whole MiB, so the header says something a person can read back; never under the floor.
  const memoryKiB = Math.max(target.floorMemoryKiB, Math.floor(spare / MiB) * MiB);
  return { memoryKiB, reason: byTotal < target.memoryKiB ? 'low-total-memory' : 'low-free-memory' };
}

/**
 * Lanes: RFC 9106 §4 suggests 4; more lanes than cores buy the defender nothing and an attacker
 * is not slowed by them, so the count of cores, 1 to 4.
 */
export function chooseParallelism(cpus: number): number {
  return Math.min(4, Math.max(1, Math.floor(cpus)));
}

const clampIterations = (t: number): number =>
  Math.min(KDF_CEILING.iterations, Math.max(KDF_FLOOR.iterations, Math.ceil(t)));

/**
 * Passes so that one derivation takes between minMs and maxMs. Argon2id's time is close to linear
 * in the passes, so one probe at the fewest passes predicts the count; a 10 % margin keeps a later
 * unlock above minMs when the computer happens to be a little faster; each prediction is checked
 * by a real run (at most four), because the memory fill makes the first pass cost more than the rest.
 */
async function fitIterations(
  base: Omit<KdfParams, 'iterations'>,
  measure: (params: KdfParams) => Promise<number>,
  target: CalibrationTarget,
): Promise<{ iterations: number; ms: number }> {
  let iterations: number = KDF_FLOOR.iterations;
  let ms = await measure({ ...base, iterations });
  for (let round = 0; round < 4 && ms < target.minMs && iterations < KDF_CEILING.iterations; round++) {
    const perPass = ms / iterations;
    iterations = Math.max(iterations + 1, clampIterations((target.minMs * 1.1) / perPass));
    ms = await measure({ ...base, iterations });
  }
  return { iterations, ms };
}

/** Parameters for a new vault on this computer, measured here (see CALIBRATION_TARGET). */
export async function calibrateKdf(deps: CalibrationDeps = {}): Promise<Calibration> {
  const measure = deps.measure ?? ((p: KdfParams) => measureArgon2(p));
  const target = deps.target ?? CALIBRATION_TARGET;
  const memory = deps.memory ?? { totalBytes: os.totalmem(), freeBytes: os.freemem() };
  const parallelism = chooseParallelism(deps.cpus ?? os.availableParallelism());
  let { memoryKiB, reason } = chooseMemory(memory, target);
  for (;;) {
    const { iterations, ms } = await fitIterations({ memoryKiB, parallelism }, measure, target);
    // Too slow even at the fewest passes: less memory, down to the floor, rather than a 10 s unlock.
    if (ms > target.maxMs && iterations === KDF_FLOOR.iterations && memoryKiB > target.floorMemoryKiB) {
      memoryKiB = Math.max(target.floorMemoryKiB, Math.floor(memoryKiB / 2 / MiB) * MiB);
      reason = 'slow-computer';
      continue;
    }
    return { params: { memoryKiB, iterations, parallelism }, measuredMs: ms, reason };
  }
}

/** Whether `next` costs an attacker more than `current` and never less memory (upgrade only). */
export function isKdfUpgrade(current: KdfParams, next: KdfParams): boolean {
  if (next.memoryKiB < current.memoryKiB) return false;
  return next.memoryKiB * next.iterations > current.memoryKiB * current.iterations;
}

/**
 * One calibration per process, started on first use: calibrating takes a few seconds and the
 * answer does not change while the app runs. A failed run is forgotten so the next call retries.
 */
export function memoizedCalibration(
  run: () => Promise<Calibration> = () => calibrateKdf(),
): () => Promise<Calibration> {
  let pending: Promise<Calibration> | null = null;
  return () => {
    pending ??= run().catch((err: unknown) => {
      pending = null;
      throw err;
    });
    return pending;
  };
}
