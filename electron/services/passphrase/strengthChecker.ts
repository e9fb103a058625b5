import { Worker } from 'node:worker_threads';
import { TikhoError } from '../../../shared/errors';
import {
  createInlineEstimator,
  estimateInputs,
  strengthFrom,
  type PassphraseStrength,
  type RawEstimate,
} from './passphraseStrength';
import { suggestPassphrase, type SuggestionLanguage } from './suggestion';
import { STRENGTH_WORKER_SOURCE, strengthWorkerData } from './strengthWorkerSource';
import type { WarnLogger } from '../log';

/**
 * The passphrase checker of the app: zxcvbn-ts on a worker thread, because one
 * estimate of a long paste takes up to seconds of CPU and, on the main thread, twenty of them
 * stalled every IPC call, the auto-lock timer and the panic shortcut for as long.
 */
export interface StrengthChecker {
  /** Every call is answered: the rule create, passphrase change and duress set-up enforce. */
  check(passphrase: string, userInputs?: string[]): Promise<PassphraseStrength>;
  /**
   * The strength meter's question, latest wins: a call still waiting when a newer one arrives is
   * refused with vault/strength-check-superseded (the meter only shows the newest answer anyway);
   * at most one runs at a time, so typing cannot fill the worker's queue.
   */
  checkLatest(passphrase: string): Promise<PassphraseStrength>;
  /** Words of `language`'s list (default en); enough for ≥ 64 bits unless `words` is given. */
  suggest(language?: SuggestionLanguage, words?: number): string[];
  close(): Promise<void>;
}

export interface StrengthCheckerOptions {
  /** Default: the eval'd worker of strengthWorkerSource.ts. */
  spawn?: () => Worker;
  logger?: WarnLogger;
  /** Estimates queued at once before new ones are refused (vault/strength-check-busy). */
  maxPending?: number;
}

interface Job {
  inputs: string[];
  userInputs: string[];
  resolve: (r: RawEstimate[]) => void;
  reject: (e: Error) => void;
}

type WorkerReply = { ready: true } | { failed: true; id?: number } | { id: number; results: RawEstimate[] };

const defaultSpawn = (): Worker =>
  new Worker(STRENGTH_WORKER_SOURCE, {
    eval: true,
    name: 'tikho-strength',
    workerData: strengthWorkerData(),
  });

/**
 * Jobs go to one worker, started on first use and referenced only while a job is out (an idle
 * worker never keeps the app alive). If it cannot start, cannot load zxcvbn-ts or dies, its jobs
 * and every later one run on the calling thread: slower for the app, never a wrong answer.
 */
function createWorkerEstimator(options: StrengthCheckerOptions) {
  const spawn = options.spawn ?? defaultSpawn;
  const pending = new Map<number, Job>();
  let nextId = 0;
  let worker: Worker | null = null;
  let inline: ReturnType<typeof createInlineEstimator> | null = null;

  const runInline = (job: Job): void => {
    try {
      inline ??= createInlineEstimator();
      job.resolve(inline(job.inputs, job.userInputs));
    } catch (err) {
      job.reject(err instanceof Error ? err : new Error('strength estimate failed'));
    }
  };
  const fallBack = (why: string): void => {
    if (inline === null)
      options.logger?.warn('passphrase: strength worker unavailable, main thread used', { why });
    inline ??= createInlineEstimator();
    const w = worker;
    worker = null;
    void w?.terminate();
    const jobs = [...pending.values()];
    pending.clear();
    for (const job of jobs) runInline(job);
  };
  const onReply = (w: Worker, m: WorkerReply): void => {
    if ('ready' in m) return;
    if (!('id' in m) || m.id === undefined) return fallBack('load');
    const job = pending.get(m.id);
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
    if (!job) return;
    if ('results' in m) job.resolve(m.results);
    else runInline(job);
  };
  const start = (): Worker | null => {
    if (worker) return worker;
    try {
      const w = spawn();
      w.unref();
      w.on('message', (m: WorkerReply) => onReply(w, m));
      w.on('error', () => fallBack('error'));
      w.on('exit', () => {
        if (worker === w) fallBack('exit');
      });
      worker = w;
      return w;
    } catch {
      fallBack('spawn');
      return null;
    }
  };

  return {
    pending: () => pending.size,
    estimate(inputs: string[], userInputs: string[]): Promise<RawEstimate[]> {
      return new Promise<RawEstimate[]>((resolve, reject) => {
        const job: Job = { inputs, userInputs, resolve, reject };
        const w = inline ? null : start();
        if (!w) return runInline(job);
        const id = nextId++;
        if (pending.size === 0) w.ref();
        pending.set(id, job);
        w.postMessage({ id, inputs, userInputs });
      });
    },
    async close(): Promise<void> {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
      for (const job of pending.values()) job.reject(new Error('strength worker closed'));
      pending.clear();
    },
  };
}

export function createStrengthChecker(options: StrengthCheckerOptions = {}): StrengthChecker {
  const maxPending = options.maxPending ?? 16;
  const lane = createWorkerEstimator(options);
  let meterRunning = false;
  let meterWaiting: {
    passphrase: string;
    resolve: (s: PassphraseStrength) => void;
    reject: (e: Error) => void;
  } | null = null;

  const check = async (passphrase: string, userInputs: string[] = []): Promise<PassphraseStrength> => {
    // A renderer sending thousands of estimates would grow the queue without bound; refuse instead.
    if (lane.pending() >= maxPending) throw new TikhoError('vault/strength-check-busy');
    return strengthFrom(passphrase, await lane.estimate(estimateInputs(passphrase), userInputs));
  };
  const pump = (): void => {
    if (meterRunning || !meterWaiting) return;
    const job = meterWaiting;
    meterWaiting = null;
    meterRunning = true;
    check(job.passphrase)
      .then(job.resolve, job.reject)
      .finally(() => {
        meterRunning = false;
        pump();
      });
  };

  return {
    check,
    checkLatest: (passphrase) =>
      new Promise<PassphraseStrength>((resolve, reject) => {
        meterWaiting?.reject(new TikhoError('vault/strength-check-superseded'));
        meterWaiting = { passphrase, resolve, reject };
        pump();
      }),
    suggest: suggestPassphrase,
    close: () => lane.close(),
  };
}
