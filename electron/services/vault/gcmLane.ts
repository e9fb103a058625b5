import { Worker } from 'node:worker_threads';
import { isSharedJob, runGcmJob, type GcmJob } from './gcmJob';
import { GCM_WORKER_SOURCE } from './gcmWorkerSource';

/** Where attachment chunks are sealed and opened. `run` resolves to whether the tag verified. */
export interface GcmLane {
  run(job: GcmJob): Promise<boolean>;
  close(): Promise<void>;
}

/** Jobs on the calling thread (the fallback when no worker can be started, and in tests). */
export function createInlineGcmLane(): GcmLane {
  return {
    run: (job) => Promise.resolve(runGcmJob(job)),
    close: () => Promise.resolve(),
  };
}

/**
 * Jobs on one worker thread, started on first use.
 * Why a worker: every cipher update allocates its output, and in the main isolate, holding an
 * unlocked vault's notes and search index, that churn set off full garbage collections that cut
 * attachment throughput to a fifth; the worker's isolate is nearly empty, so its collections
 * cost nothing, and the main thread stays free for IPC. If the worker cannot start, or a job's
 * memory is not shared, jobs run on the calling thread; if the worker dies, its pending jobs fail
 * and the next job starts a new one.
 */
export function createWorkerGcmLane(
  spawn: () => Worker = () => new Worker(GCM_WORKER_SOURCE, { eval: true, name: 'tikho-gcm' }),
): GcmLane {
  let worker: Worker | null = null;
  let fallback: GcmLane | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (ok: boolean) => void; reject: (err: Error) => void }>();

  const failAll = (err: Error): void => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    worker = null;
  };

  const start = (): Worker | null => {
    if (worker) return worker;
    try {
      const w = spawn();
      w.unref();
      w.on('message', (m: { id: number; ok: boolean }) => {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (pending.size === 0) w.unref();
        p?.resolve(m.ok);
      });
      w.on('error', () => failAll(new Error('gcm worker failed')));
      w.on('exit', () => {
        if (worker === w) failAll(new Error('gcm worker stopped'));
      });
      worker = w;
      return w;
    } catch {
      return null;
    }
  };

  return {
    run(job) {
      // A job in plain memory would reach the worker as a copy and its result would be lost.
      if (!isSharedJob(job)) return Promise.resolve(runGcmJob(job));
      const w = fallback ? null : start();
      if (!w) {
        fallback ??= createInlineGcmLane();
        return fallback.run(job);
      }
      return new Promise<boolean>((resolve, reject) => {
        const id = nextId++;
        // Referenced only while a job is out, so a script awaiting it does not exit early and an
        // idle worker never keeps the app alive.
        if (pending.size === 0) w.ref();
        pending.set(id, { resolve, reject });
        w.postMessage({ id, job });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
      failAll(new Error('gcm worker closed'));
    },
  };
}

/**
 * Spreads jobs over several lanes in turn. Jobs of one file work on separate regions, so their
 * order across lanes does not matter; a failing lane fails only the jobs it was given.
 */
export function createPooledGcmLane(lanes: GcmLane[]): GcmLane {
  let next = 0;
  return {
    run(job) {
      const lane = lanes[next++ % lanes.length];
      if (!lane) return Promise.reject(new Error('no gcm lane'));
      return lane.run(job);
    },
    async close() {
      await Promise.all(lanes.map((l) => l.close()));
    },
  };
}

let shared: GcmLane | null = null;
/**
 * Two workers for the whole process. Measured on a 2-core machine: opening a 100 MB attachment
 * went from 1.62–2.01× to 1.29–1.45× the time of raw AES-GCM with the second worker (the copy out
 * of each cipher update and the zeroing of its plaintext add to the AES there); sealing, bound by
 * the disk, neither gained nor lost.
 */
export function sharedGcmLane(): GcmLane {
  shared ??= createPooledGcmLane([createWorkerGcmLane(), createWorkerGcmLane()]);
  return shared;
}
