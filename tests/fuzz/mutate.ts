import fc from 'fast-check';

/**
 * Mutation fuzzing from real seeds: each case starts from a file the app really made (an
 * envelope, a reply, a card) and applies a few byte-level edits a hostile sender or a broken
 * transport could make — flips, cuts, insertions, repeats, splices between seeds. Random bytes
 * alone almost never get past the first check; mutated real files reach the deep parsers.
 */
type Edit =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'set'; at: number; value: number }
  | { kind: 'cut'; at: number }
  | { kind: 'drop'; at: number; length: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'repeat'; at: number; length: number; times: number }
  | { kind: 'splice'; at: number; from: number; seed: number };

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({
    kind: fc.constant('set' as const),
    at: position,
    value: fc.constantFrom(0, 0x0a, 0x2d, 0x3d, 0x7f, 0x80, 0xff),
  }),
  fc.record({ kind: fc.constant('cut' as const), at: position }),
  fc.record({ kind: fc.constant('drop' as const), at: position, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.uint8Array({ minLength: 1, maxLength: 32 }),
  }),
  fc.record({
    kind: fc.constant('repeat' as const),
    at: position,
    length: fc.integer({ min: 1, max: 64 }),
    times: fc.integer({ min: 2, max: 64 }),
  }),
  fc.record({ kind: fc.constant('splice' as const), at: position, from: position, seed: fc.nat() }),
);

function apply(input: Uint8Array, change: Edit, seeds: readonly Uint8Array[]): Uint8Array {
  const at = Math.floor(change.at * (input.length + 1));
  const head = input.subarray(0, at);
  const tail = input.subarray(at);
  const join = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);
  switch (change.kind) {
    case 'flip': {
      if (input.length === 0) return input;
      const out = Uint8Array.from(input);
      const i = Math.min(at, out.length - 1);
      out[i] = (out[i] ?? 0) ^ (1 << change.bit);
      return out;
    }
    case 'set': {
      if (input.length === 0) return input;
      const out = Uint8Array.from(input);
      out[Math.min(at, out.length - 1)] = change.value;
      return out;
    }
    case 'cut':
      return head;
    case 'drop':
      return join(head, tail.subarray(change.length));
    case 'insert':
      return join(head, change.bytes, tail);
    case 'repeat': {
      const piece = tail.subarray(0, change.length);
      return join(head, ...Array.from({ length: change.times }, () => piece), tail);
    }
    case 'splice': {
      const other = seeds[change.seed % seeds.length] ?? input;
      return join(head, other.subarray(Math.floor(change.from * other.length)));
    }
  }
}

/** A seed, possibly unchanged (the parser must still accept it), with up to eight edits. */
export function mutatedFrom(seeds: readonly Uint8Array[]): fc.Arbitrary<Uint8Array> {
  return fc
    .tuple(fc.nat({ max: seeds.length - 1 }), fc.array(edit, { minLength: 0, maxLength: 8 }))
    .map(([index, edits]) =>
      edits.reduce((bytes, change) => apply(bytes, change, seeds), seeds[index] ?? new Uint8Array()),
    );
}

/** How many cases a target gets: bounded in `npm test`, as many as asked for in `npm run fuzz`. */
export function fuzzRuns(defaultRuns: number): number {
  const asked = Number(process.env.TIKHO_FUZZ_RUNS);
  return Number.isFinite(asked) && asked > 0 ? asked : defaultRuns;
}

/** A fixed seed in `npm test` (a failure reproduces); `npm run fuzz` picks a new one each run. */
export function fuzzSeed(): number {
  const asked = Number(process.env.TIKHO_FUZZ_SEED);
  return Number.isInteger(asked) ? asked : 20261202;
}
