import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createPassphraseChecker } from '../../../../electron/services/passphrase/passphraseStrength';
import {
  createStrengthChecker,
  type StrengthChecker,
} from '../../../../electron/services/passphrase/strengthChecker';
import {
  STRENGTH_WORKER_SOURCE,
  strengthWorkerData,
} from '../../../../electron/services/passphrase/strengthWorkerSource';
import { isTikhoError } from '../../../../shared/errors';

const reference = createPassphraseChecker();
const SAMPLES: [string, string[]][] = [
  ['1234', []],
  ['Summer2024!', []],
  ['Слава Україні!', []],
  ['ghbdtn vjcrdf', []],
  ['ведро клюква шарманка полночь', []],
  ['velvet orbit lantern quietly harvest marble', []],
  ['copper meadow whistle', ['copper meadow whistle sleepy']],
  ['😀'.repeat(300), []],
];

const checkers: StrengthChecker[] = [];
afterEach(async () => {
  for (const c of checkers.splice(0)) await c.close();
});
function checker(options: Parameters<typeof createStrengthChecker>[0] = {}): StrengthChecker {
  const c = createStrengthChecker(options);
  checkers.push(c);
  return c;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'ok';
  } catch (err) {
    return isTikhoError(err) ? err.code : String(err);
  }
}

describe('strength checker on a worker thread', () => {
  it('answers exactly what the estimator on the calling thread answers', async () => {
    let spawned = 0;
    const c = checker({
      spawn: () => {
        spawned++;
        return new Worker(STRENGTH_WORKER_SOURCE, { eval: true, workerData: strengthWorkerData() });
      },
    });
    for (const [p, inputs] of SAMPLES) expect(await c.check(p, inputs)).toEqual(reference.check(p, inputs));
    expect(spawned).toBe(1);
  });

  it('falls back to the calling thread, with the same answers, when the worker cannot load zxcvbn-ts', async () => {
    const warnings: string[] = [];
    const c = checker({
      logger: { warn: (m) => void warnings.push(m) },
      spawn: () =>
        new Worker(STRENGTH_WORKER_SOURCE, {
          eval: true,
          workerData: { ...strengthWorkerData(), corePath: '/nonexistent/zxcvbn-core.cjs' },
        }),
    });
    const results = await Promise.all(SAMPLES.slice(0, 3).map(([p, u]) => c.check(p, u)));
    expect(results).toEqual(SAMPLES.slice(0, 3).map(([p, u]) => reference.check(p, u)));
    expect(warnings).toEqual(['passphrase: strength worker unavailable, main thread used']);
  });

  it('falls back when no worker can be started at all', async () => {
    const c = checker({
      spawn: () => {
        throw new Error('no threads here');
      },
    });
    expect(await c.check('Summer2024!')).toEqual(reference.check('Summer2024!'));
  });

  it('answers a worker that dies mid-job on the calling thread', async () => {
    // A worker that exits on its first message: the job it took must still be answered.
    const c = checker({
      spawn: () =>
        new Worker("require('node:worker_threads').parentPort.on('message', () => process.exit(3));", {
          eval: true,
        }),
    });
    expect(await c.check('ghbdtn vjcrdf')).toEqual(reference.check('ghbdtn vjcrdf'));
  });

  it('latest wins for the meter: a waiting check is refused once a newer one arrives', async () => {
    const c = checker();
    const first = c.checkLatest('first passphrase to check');
    const second = codeOf(c.checkLatest('second passphrase to check'));
    const third = c.checkLatest('third passphrase to check');
    expect(await first).toEqual(reference.check('first passphrase to check'));
    expect(await second).toBe('vault/strength-check-superseded');
    expect(await third).toEqual(reference.check('third passphrase to check'));
  });

  it('refuses new checks while too many are queued, and answers the queued ones', async () => {
    const c = checker({ maxPending: 2 });
    const queued = [c.check('one two three four'), c.check('five six seven eight')];
    expect(await codeOf(c.check('nine ten eleven twelve'))).toBe('vault/strength-check-busy');
    expect(await Promise.all(queued)).toEqual([
      reference.check('one two three four'),
      reference.check('five six seven eight'),
    ]);
    expect(await c.check('nine ten eleven twelve')).toEqual(reference.check('nine ten eleven twelve'));
  });
});
