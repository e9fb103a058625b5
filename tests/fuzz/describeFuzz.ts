import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isTikhoError } from '../../shared/errors';
import { fuzzRuns, fuzzSeed, mutatedFrom } from './mutate';
import type { FuzzTarget } from './targets';

/**
 * A parser of outside input, fed mutated copies of real files: it may accept or refuse with a
 * TikhoError (a translated message), never crash with anything else, and never hang. Bounded in
 * `npm test`; `npm run fuzz` runs the same targets much longer with a fresh seed. Each target is
 * fuzzed by a `<parser>.fuzz.test.ts` in the tests/unit folder of the parser it reads with, so a
 * failure lands beside that parser's own tests.
 */
export function describeFuzz(target: FuzzTarget): void {
  describe(`fuzz: ${target.name}`, () => {
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
}
