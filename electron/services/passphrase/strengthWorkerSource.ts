import { createRequire } from 'node:module';
import { extraDictionaries } from './passphraseStrength';

/**
 * The strength worker's code, as plain CommonJS run with `new Worker(source, { eval: true })`, the
 * way the GCM worker runs (gcmWorkerSource.ts): no worker file has to be found beside the bundle,
 * inside an asar, under tsx or under vitest. It builds zxcvbn-ts exactly as createInlineEstimator
 * does — the packages are loaded from the paths main resolved (workerData), and our own
 * dictionaries arrive as data — and answers each message with what createInlineEstimator would;
 * tests/unit/services/passphrase/strengthChecker.test.ts compares the two. It posts `ready`, or `failed` when a
 * package cannot be loaded, so main can fall back to the calling thread instead of waiting.
 */
export const STRENGTH_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort, workerData } = require('node:worker_threads');
let zxcvbn;
try {
  const { ZxcvbnFactory } = require(workerData.corePath);
  const common = require(workerData.commonPath);
  const english = require(workerData.englishPath);
  zxcvbn = new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary, ...workerData.extraDictionaries },
    graphs: common.adjacencyGraphs,
  });
  parentPort.postMessage({ ready: true });
} catch {
  parentPort.postMessage({ failed: true });
}
parentPort.on('message', (m) => {
  try {
    const results = m.inputs.map((input) => {
      const r = zxcvbn.check(input, m.userInputs);
      return { score: r.score, guessesLog10: r.guessesLog10 };
    });
    parentPort.postMessage({ id: m.id, results });
  } catch {
    parentPort.postMessage({ id: m.id, failed: true });
  }
});
`;

export interface StrengthWorkerData {
  corePath: string;
  commonPath: string;
  englishPath: string;
  extraDictionaries: Record<string, string[]>;
}

/**
 * Paths resolved from this module, so the worker loads the very copies the main bundle uses (in a
 * package, those inside app.asar, which Electron's worker threads can read since Electron 18).
 */
export function strengthWorkerData(): StrengthWorkerData {
  const require = createRequire(import.meta.url);
  return {
    corePath: require.resolve('@zxcvbn-ts/core'),
    commonPath: require.resolve('@zxcvbn-ts/language-common'),
    englishPath: require.resolve('@zxcvbn-ts/language-en'),
    extraDictionaries: extraDictionaries(),
  };
}
