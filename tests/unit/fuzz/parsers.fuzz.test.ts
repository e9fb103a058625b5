import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTikhoError } from '../../../shared/errors';
import { fuzzRuns, fuzzSeed, mutatedFrom } from '../../fuzz/mutate';
import { FUZZ_TARGETS } from '../../fuzz/targets';

/**
 * Each parser of outside input, fed mutated copies of real files: it may accept or refuse with a
 * TikhoError (a translated message), never crash with anything else, and never hang. Bounded in
 * `npm test`; `npm run fuzz` runs the same targets much longer with a fresh seed.
 */
describe.each(FUZZ_TARGETS.map((target) => [target.name, target] as const))('fuzz: %s', (_name, target) => {
  it('accepts its own seeds', async () => {
    for (const seed of await target.seeds()) await target.read(seed);
  });

  it('refuses mutated input only with a TikhoError', async () => {
    const seeds = await target.seeds();
    await fc.assert(
      fc.asyncProperty(mutatedFrom(seeds), async (input) => {
        try {
          await target.read(input);
        } catch (error) {
          if (!isTikhoError(error)) throw error;
          expect(error.code).toMatch(/^[a-z]+\/[a-z0-9-]+$/);
        }
      }),
      { numRuns: fuzzRuns(target.runs), seed: fuzzSeed(), timeout: 5_000 },
    );
  });
});
