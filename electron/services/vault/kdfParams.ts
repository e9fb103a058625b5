import { TikhoError } from '../../../shared/errors';
import { KDF_CEILING, KDF_FLOOR } from './formatConstants';

export interface KdfParams {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/**
 * Refuses parameters under the OWASP floor (vault/weak-kdf-params) before any derivation runs,
 * so a header edited to m = 8 KiB cannot turn unlock into a cheap oracle. Absurdly large values
 * are treated as a corrupt header rather than attempted.
 */
export function assertKdfParams(params: KdfParams): void {
  const { memoryKiB, iterations, parallelism } = params;
  const integers = [memoryKiB, iterations, parallelism].every((v) => Number.isSafeInteger(v) && v > 0);
  if (!integers) throw new TikhoError('vault/weak-kdf-params');
  if (memoryKiB < KDF_FLOOR.memoryKiB || iterations < KDF_FLOOR.iterations) {
    throw new TikhoError('vault/weak-kdf-params', {
      minMemoryKiB: KDF_FLOOR.memoryKiB,
      minIterations: KDF_FLOOR.iterations,
    });
  }
  // RFC 9106 §3.1: m must be at least 8p KiB.
  if (memoryKiB < 8 * parallelism) throw new TikhoError('vault/weak-kdf-params');
  if (
    memoryKiB > KDF_CEILING.memoryKiB ||
    iterations > KDF_CEILING.iterations ||
    parallelism > KDF_CEILING.parallelism
  ) {
    throw new TikhoError('vault/header-corrupt');
  }
}
