import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KDF_CEILING, KDF_FLOOR } from '../../../../electron/services/vault/formatConstants';
import {
  CALIBRATION_TARGET,
  calibrateKdf,
  chooseMemory,
  chooseParallelism,
  isKdfUpgrade,
  measureArgon2,
  memoizedCalibration,
  type CalibrationTarget,
} from '../../../../electron/services/vault/kdfCalibration';
import { assertKdfParams, type KdfParams } from '../../../../electron/services/vault/kdfParams';

const GiB = 2 ** 30;
const MiB_KiB = 1024;
const PLENTY = { totalBytes: 16 * GiB, freeBytes: 8 * GiB };

/**
 * A computer whose Argon2id costs `msPerMiBPass` per MiB and pass, plus a first-pass surcharge
 * (the memory fill) of `fillMs` per MiB: the shape real timings have, without the noise.
 */
function modelComputer(msPerMiBPass: number, fillMsPerMiB = 0) {
  const calls: KdfParams[] = [];
  const time = (p: KdfParams): number => {
    const mib = p.memoryKiB / MiB_KiB;
    return mib * (p.iterations * msPerMiBPass + fillMsPerMiB);
  };
  return {
    calls,
    time,
    measure: (p: KdfParams): Promise<number> => {
      calls.push({ ...p });
      return Promise.resolve(time(p));
    },
  };
}

describe('Argon2id calibration (deterministic, modelled computer)', () => {
  it('takes 256 MiB on a computer with memory to spare and enough passes for ≥ 1 s, ≤ 3 s', async () => {
    // 256 MiB at 2 passes = 400 ms here: the prediction asks for more passes, and checks them.
    const pc = modelComputer(400 / 256 / 2);
    const result = await calibrateKdf({ measure: pc.measure, memory: PLENTY, cpus: 2 });
    expect(result.reason).toBe('target');
    expect(result.params.memoryKiB).toBe(256 * MiB_KiB);
    expect(result.params.parallelism).toBe(2);
    expect(result.measuredMs).toBe(pc.time(result.params));
    expect(result.measuredMs).toBeGreaterThanOrEqual(CALIBRATION_TARGET.minMs);
    expect(result.measuredMs).toBeLessThanOrEqual(CALIBRATION_TARGET.maxMs);
    // The last measurement is of the very parameters returned, not a prediction.
    expect(pc.calls.at(-1)).toEqual(result.params);
    expect(() => assertKdfParams(result.params)).not.toThrow();
  });

  it('lands in [minMs, maxMs] within five measurements for any computer that can reach it', async () => {
    await fc.assert(
      fc.asyncProperty(
        // 0.02–3 ms per MiB and pass; a memory fill costing up to 4 passes.
        fc.double({ min: 0.02, max: 3, noNaN: true }),
        fc.double({ min: 0, max: 4, noNaN: true }),
        async (perPass, fillPasses) => {
          const pc = modelComputer(perPass, perPass * fillPasses);
          const r = await calibrateKdf({ measure: pc.measure, memory: PLENTY, cpus: 4 });
          expect(r.params.iterations).toBeGreaterThanOrEqual(KDF_FLOOR.iterations);
          expect(r.params.iterations).toBeLessThanOrEqual(KDF_CEILING.iterations);
          if (r.params.iterations < KDF_CEILING.iterations)
            expect(r.measuredMs).toBeGreaterThanOrEqual(CALIBRATION_TARGET.minMs);
          const atFloor =
            r.params.memoryKiB === CALIBRATION_TARGET.floorMemoryKiB &&
            r.params.iterations === KDF_FLOOR.iterations;
          if (!atFloor) expect(r.measuredMs).toBeLessThanOrEqual(CALIBRATION_TARGET.maxMs);
          // Per calibration round (one per memory size tried): one probe and at most four checks.
          const sizes = new Set(pc.calls.map((c) => c.memoryKiB)).size;
          expect(pc.calls.length).toBeLessThanOrEqual(5 * sizes);
        },
      ),
      { numRuns: 200, seed: 11 },
    );
  });

  it('halves the memory on a computer too slow for 256 MiB, down to the 64 MiB floor, and says so', async () => {
    // 256 MiB at 2 passes = 8 s: 128 MiB is 4 s, still over 3 s; 64 MiB is 2 s.
    const pc = modelComputer(8000 / 256 / 2);
    const r = await calibrateKdf({ measure: pc.measure, memory: PLENTY, cpus: 1 });
    expect(r).toEqual({
      params: { memoryKiB: 64 * MiB_KiB, iterations: 2, parallelism: 1 },
      measuredMs: 2000,
      reason: 'slow-computer',
    });
    expect(pc.calls.map((c) => c.memoryKiB / MiB_KiB)).toEqual([256, 128, 64]);
  });

  it('stops at the floor even when the floor is slower than maxMs (a 10 s unlock beats no vault)', async () => {
    const pc = modelComputer(10_000 / 64 / 2);
    const r = await calibrateKdf({ measure: pc.measure, memory: PLENTY, cpus: 1 });
    expect(r.params).toEqual({ memoryKiB: 64 * MiB_KiB, iterations: 2, parallelism: 1 });
    expect(r.measuredMs).toBe(10_000);
  });

  it('caps passes at the header ceiling on a very fast computer', async () => {
    const pc = modelComputer(0.0001);
    const r = await calibrateKdf({ measure: pc.measure, memory: PLENTY, cpus: 8 });
    expect(r.params.iterations).toBe(KDF_CEILING.iterations);
    expect(r.params.parallelism).toBe(4);
  });

  it('chooses memory from total and free memory, with the reason and a 64 MiB floor', () => {
    const t = CALIBRATION_TARGET;
    expect(chooseMemory(PLENTY, t)).toEqual({ memoryKiB: 256 * MiB_KiB, reason: 'target' });
    // 1 GiB of RAM: an eighth is 128 MiB.
    expect(chooseMemory({ totalBytes: GiB, freeBytes: GiB }, t)).toEqual({
      memoryKiB: 128 * MiB_KiB,
      reason: 'low-total-memory',
    });
    // 16 GiB of RAM but 300 MiB free: a quarter is 75 MiB.
    expect(chooseMemory({ totalBytes: 16 * GiB, freeBytes: 300 * 2 ** 20 }, t)).toEqual({
      memoryKiB: 75 * MiB_KiB,
      reason: 'low-free-memory',
    });
    expect(chooseMemory({ totalBytes: 16 * GiB, freeBytes: 100 * 2 ** 20 }, t).memoryKiB).toBe(64 * MiB_KiB);
  });

  it('uses one lane per core, 1 to 4', () => {
    expect([0, 1, 2, 3, 4, 16].map(chooseParallelism)).toEqual([1, 1, 2, 3, 4, 4]);
  });

  it('counts only stronger parameters with no less memory as an upgrade', () => {
    const base = { memoryKiB: 65_536, iterations: 3, parallelism: 1 };
    expect(isKdfUpgrade(base, { memoryKiB: 262_144, iterations: 2, parallelism: 2 })).toBe(true);
    expect(isKdfUpgrade(base, { ...base, iterations: 4 })).toBe(true);
    expect(isKdfUpgrade(base, { ...base })).toBe(false);
    expect(isKdfUpgrade(base, { memoryKiB: 32_768, iterations: 64, parallelism: 1 })).toBe(false);
  });

  it('calibrates once per process and retries after a failure', async () => {
    let runs = 0;
    const calibrate = memoizedCalibration(() => {
      runs++;
      if (runs === 1) return Promise.reject(new Error('argon2 failed'));
      return Promise.resolve({
        params: { memoryKiB: 65_536, iterations: 3, parallelism: 1 },
        measuredMs: 1,
        reason: 'target',
      });
    });
    await expect(calibrate()).rejects.toThrow('argon2 failed');
    const [a, b] = await Promise.all([calibrate(), calibrate()]);
    expect(a).toBe(b);
    expect(runs).toBe(2);
  });
});

describe('Argon2id calibration (real derivations)', () => {
  it('measures real Argon2id and meets a small target on this computer', async () => {
    // Small numbers so the test stays quick; the logic is the one the app runs at 1 s / 256 MiB.
    const target: CalibrationTarget = {
      minMs: 150,
      maxMs: 60_000,
      memoryKiB: 32 * MiB_KiB,
      floorMemoryKiB: 32 * MiB_KiB,
    };
    const r = await calibrateKdf({ target });
    expect(r.params.memoryKiB).toBe(32 * MiB_KiB);
    expect(r.measuredMs).toBeGreaterThanOrEqual(target.minMs);
    expect(() => assertKdfParams(r.params)).not.toThrow();
  });

  it('counts idle-computer time: never more than the wall clock, never nothing', async () => {
    const started = performance.now();
    const ms = await measureArgon2({ memoryKiB: 32 * MiB_KiB, iterations: 2, parallelism: 2 });
    const wall = performance.now() - started;
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThanOrEqual(wall);
  });
});
