/** One row of `npm run bench`. Figures are medians of repeated runs in one process, one run. */
export interface BenchRow {
  suite: string;
  metric: string;
  value: number;
  unit: 'ms' | 'MB/s' | 'MiB' | 'ops/s';
  /** A peer measured in the same run on the same input (GnuPG, argon2 CLI, rm -rf, raw AES). */
  peer?: { name: string; value: number };
  /** value / peer.value for time units, peer.value / value for throughput: >1 means slower than the peer. */
  ratio?: number;
  /** The target in words, e.g. "≤ 300 ms" or "≤ 1.3× peer". */
  target?: string;
  pass?: boolean;
  /** Where `ratio` is a median of per-run ratios: every one of them, in run order. */
  runRatios?: number[];
}

export interface BenchSuite {
  name: string;
  run(): Promise<BenchRow[]>;
}
