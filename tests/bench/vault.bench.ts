import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { deriveKek } from '../../electron/services/vault/keyDerivation';
import { KDF_DEFAULTS } from '../../electron/services/vault/formatConstants';
import { createVaultService } from '../../electron/services/vault/vaultService';
import { rawGcmMBps } from './rawGcm';
import { startRawGcmPeer } from './rawGcmPeer';
import { settleDisk } from './settleDisk';
import { median } from './stats';
import type { BenchRow, BenchSuite } from './types';

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))] ?? NaN;
};
const now = (): number => performance.now();
const PASS = 'bench passphrase 1';
const body2k = (i: number): string => `Заметка ${i} `.repeat(120).slice(0, 2000);
const AGE = '/usr/bin/age';
const AGE_KEYGEN = '/usr/bin/age-keygen';
const MEMORY_CHILD = resolve(import.meta.dirname, '../fixtures/vault/memoryChild.ts');
const ATTACHMENT_RUNS = 9;
const MiB = 2 ** 20;

/** Copies of `data` in pieces, as IPC delivers them; made before the clock starts (decoding IPC is not the vault's cost). */
function piecesOf(data: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let o = 0; o < data.length; o += size) out.push(Buffer.from(data.subarray(o, o + size)));
  return out;
}

/** One piece per turn of the event loop, as IPC messages arrive; addFromChunks zeroes each. */
async function* arriving(pieces: Buffer[]): AsyncGenerator<Uint8Array> {
  for (const p of pieces) {
    await Promise.resolve();
    yield p;
  }
}

interface MemorySample {
  notes: number;
  before: NodeJS.MemoryUsage;
  after: NodeJS.MemoryUsage;
}

export const suite: BenchSuite = {
  name: 'vault',
  async run(): Promise<BenchRow[]> {
    const rows: BenchRow[] = [];
    const root = await mkdtemp(join(tmpdir(), 'tikho-bench-'));
    try {
      // KDF at the defaults vs the reference CLI, same parameters.
      const salt = Buffer.from('benchsaltbench16', 'ascii');
      const ours: number[] = [];
      const cli: number[] = [];
      for (let i = 0; i < 3; i++) {
        let t = now();
        await deriveKek(PASS, salt, KDF_DEFAULTS);
        ours.push(now() - t);
        t = now();
        execFileSync(
          '/usr/bin/argon2',
          [
            salt.toString(),
            '-id',
            '-k',
            String(KDF_DEFAULTS.memoryKiB),
            '-t',
            String(KDF_DEFAULTS.iterations),
            '-p',
            '1',
            '-l',
            '32',
            '-r',
          ],
          { input: PASS },
        );
        cli.push(now() - t);
      }
      const kdf = median(ours);
      rows.push({
        suite: 'vault',
        metric: 'KDF Argon2id m=64MiB t=3 p=1',
        value: kdf,
        unit: 'ms',
        peer: { name: 'argon2 CLI', value: median(cli) },
        ratio: kdf / median(cli),
        target: '≤ 1.3× peer',
        pass: kdf / median(cli) <= 1.3,
      });

      const dir = join(root, 'vault');
      // The service reports the KDF and the rest of each unlock separately: subtracting a KDF
      // median measured elsewhere gave negative numbers on a busy machine.
      let lastRest = NaN;
      const v = createVaultService({
        dir,
        kdf: { ...KDF_DEFAULTS },
        onUnlockTiming: (x) => {
          lastRest = x.restMs;
        },
      });
      await v.create(PASS, { withRecoveryCode: false });
      const ids: string[] = [];
      for (const target of [1000, 10_000]) {
        while (ids.length < target)
          ids.push(
            (
              await v.notes.create({
                title: `note ${ids.length}`,
                body: body2k(ids.length),
                tags: ['bench'],
                pinned: false,
              })
            ).id,
          );
        // Unlock = KDF + manifest + the encrypted notes summary (list ready); bodies are then read
        // and authenticated in the background: "until loaded" is unlock + that, reported beside it.
        const rest: number[] = [];
        const loaded: number[] = [];
        for (let r = 0; r < 5; r++) {
          await v.lock();
          // The previous session's garbage is not this unlock's cost (a real unlock follows idle time).
          global.gc?.();
          await v.unlock(PASS);
          const t = now();
          rest.push(lastRest);
          await v.notes.loaded();
          loaded.push(lastRest + now() - t);
        }
        const value = median(rest);
        rows.push({
          suite: 'vault',
          metric: `unlock minus KDF, ${target} notes of 2 KB (list ready)`,
          value,
          unit: 'ms',
          ...(target === 10_000 ? { target: '≤ 300 ms', pass: value <= 300 } : {}),
        });
        rows.push({
          suite: 'vault',
          metric: `unlock minus KDF until every body read and checked, ${target} notes`,
          value: median(loaded),
          unit: 'ms',
        });
      }
      // First search right after unlock: pays the fold of every note (and any unread body).
      const first: number[] = [];
      for (let r = 0; r < 3; r++) {
        await v.lock();
        await v.unlock(PASS);
        const t = now();
        v.notes.search('заметка 9999');
        first.push(now() - t);
      }
      rows.push({ suite: 'vault', metric: 'first search right after unlock, 10 000 notes', value: median(first), unit: 'ms' });
      const save: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t = now();
        await v.notes.update(ids[i % ids.length] ?? '', { body: body2k(i + 1) });
        save.push(now() - t);
      }
      rows.push({
        suite: 'vault',
        metric: 'save p50 (10 000 notes)',
        value: pct(save, 0.5),
        unit: 'ms',
        target: '≤ 15 ms',
        pass: pct(save, 0.5) <= 15,
      });
      rows.push({ suite: 'vault', metric: 'save p99 (10 000 notes)', value: pct(save, 0.99), unit: 'ms' });
      const search: number[] = [];
      for (const q of ['заметка 9999', 'ЗАМЕТКА', 'note 123', 'nothing-matches', 'заметка 5']) {
        for (let i = 0; i < 5; i++) {
          const t = now();
          v.notes.search(q);
          search.push(now() - t);
        }
      }
      rows.push({
        suite: 'vault',
        metric: 'search p50, 10 000 notes',
        value: median(search),
        unit: 'ms',
        target: '≤ 20 ms',
        pass: median(search) <= 20,
      });
      await v.lock();

      // Memory in a child started with --expose-gc: samples after full collections, before
      // unlock and with all 10 000 notes unlocked, read and indexed for search.
      const mem = JSON.parse(
        execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', MEMORY_CHILD, dir, PASS], {
          encoding: 'utf8',
        }).trim(),
      ) as MemorySample;
      rows.push({
        suite: 'vault',
        metric: `heapUsed delta, ${mem.notes} notes unlocked + search index (gc'd child)`,
        value: (mem.after.heapUsed - mem.before.heapUsed) / MiB,
        unit: 'MiB',
      });
      rows.push({
        suite: 'vault',
        metric: `rss delta, ${mem.notes} notes unlocked + search index (gc'd child)`,
        value: (mem.after.rss - mem.before.rss) / MiB,
        unit: 'MiB',
      });
      rows.push({
        suite: 'vault',
        metric: `rss of the process with ${mem.notes} notes unlocked`,
        value: mem.after.rss / MiB,
        unit: 'MiB',
      });

      // Attachments: 100 MB through the vault vs raw AES-256-GCM (ceiling), gpg --symmetric and age.
      await v.unlock(PASS);
      // Bodies are read in the background after unlock; measure attachments once that is done.
      await v.notes.loaded();
      const size = 100 * MiB;
      const src = join(root, 'att.bin');
      const data = randomBytes(size);
      await writeFile(src, data);
      const n = await v.notes.create({ title: 'att', body: '', tags: [], pinned: false });
      // Each run is paired with the raw ceiling of its moment — the fastest of a raw pass right
      // before and right after it in a fresh process (rawGcmServer.ts) and one in this process —
      // and the target is judged on the median of those per-run ratios: this machine's speed
      // drifts by ±30 % within seconds (shared cores), which a ratio of medians taken minutes
      // apart mixes in.
      const peer = await startRawGcmPeer(size / MiB);
      const inProcess: number[] = [];
      const fresh: number[] = [];
      const runs = { enc: [] as number[], dec: [] as number[], chunks: [] as number[], raw: [] as number[] };
      const ratios = { enc: [] as number[], dec: [] as number[], chunks: [] as number[] };
      const paired = async (what: keyof typeof ratios, op: () => Promise<void>): Promise<void> => {
        const before = await peer.measure();
        const t0 = now();
        await op();
        const mbps = size / MiB / ((now() - t0) / 1000);
        const after = await peer.measure();
        const here = rawGcmMBps(data, peer.slice);
        inProcess.push(here);
        fresh.push((before + after) / 2);
        // The strictest reading of the moment: the fastest of the three raw passes around the run.
        const ceiling = Math.max(before, after, here);
        runs[what].push(mbps);
        runs.raw.push(ceiling);
        ratios[what].push(mbps / ceiling);
      };
      // One untimed round first: the GCM worker thread starts on first use (reported below).
      const t = now();
      const warm = await v.attachments.add(n.id, { name: 'w', mime: 'application/octet-stream', sourcePath: src });
      const firstUse = now() - t;
      await v.attachments.remove(warm.id);
      for (let r = 0; r < ATTACHMENT_RUNS; r++) {
        let id = '';
        settleDisk();
        await paired('enc', async () => {
          id = (await v.attachments.add(n.id, { name: 'a', mime: 'application/octet-stream', sourcePath: src })).id;
        });
        let back: Buffer = Buffer.alloc(0);
        await paired('dec', async () => {
          back = await v.attachments.read(id);
        });
        if (!back.equals(data)) throw new Error('attachment round trip changed bytes');
        await v.attachments.remove(id);
        settleDisk();
        // Made after the settle (see settleDisk), as IPC would hand them over: fresh memory.
        const pieces = piecesOf(data, 256 * 1024);
        await paired('chunks', async () => {
          id = (
            await v.attachments.addFromChunks(
              n.id,
              { name: 'b', mime: 'application/octet-stream', size },
              arriving(pieces),
            )
          ).id;
        });
        await v.attachments.remove(id);
      }
      const enc = median(runs.enc);
      const dec = median(runs.dec);
      const chunks = median(runs.chunks);
      const raw = median(runs.raw);
      peer.close();
      // Everyday tools as peers, each the median of three runs on the same file (written, not synced,
      // as these tools do): GnuPG symmetric, and age to an X25519 recipient. age -p would add a fixed
      // scrypt cost (about a second) and needs a terminal for the passphrase; its payload
      // encryption, measured here, is the same.
      const toolMBps = (bin: string, args: string[]): number =>
        median(
          [0, 1, 2].map(() => {
            settleDisk();
            const t0 = now();
            execFileSync(bin, args, { stdio: 'ignore' });
            return size / MiB / ((now() - t0) / 1000);
          }),
        );
      const gpgArgs = ['--batch', '--yes', '--pinentry-mode', 'loopback', '--passphrase', 'x', '--homedir', root];
      const gpg = toolMBps('/usr/bin/gpg', [
        ...gpgArgs,
        ...['--compress-algo', 'none', '-o', join(root, 'att.gpg'), '--symmetric', src],
      ]);
      const gpgDec = toolMBps('/usr/bin/gpg', [...gpgArgs, '-o', join(root, 'att.out'), '--decrypt', join(root, 'att.gpg')]);
      let age: { enc: number; dec: number } | null = null;
      if (existsSync(AGE) && existsSync(AGE_KEYGEN)) {
        const identity = join(root, 'age.key');
        execFileSync(AGE_KEYGEN, ['-o', identity], { stdio: 'ignore' });
        const recipient = execFileSync(AGE_KEYGEN, ['-y', identity]).toString('utf8').trim();
        const sealed = join(root, 'att.age');
        age = {
          enc: toolMBps(AGE, ['-r', recipient, '-o', sealed, src]),
          dec: toolMBps(AGE, ['-d', '-i', identity, '-o', join(root, 'att.age.out'), sealed]),
        };
      } else process.stderr.write('bench: age is not installed (apt-get install age); its rows are left out\n');
      const peerRaw = {
        name: `raw AES-256-GCM in memory (${peer.slice / 1024} KiB updates), fastest around each run`,
        value: raw,
      };
      rows.push({
        suite: 'vault',
        metric: 'raw AES-256-GCM 100 MB in this process (10 000 notes unlocked) vs a fresh process',
        value: median(inProcess),
        unit: 'MB/s',
        peer: { name: 'fresh process', value: median(fresh) },
        ratio: median(fresh) / median(inProcess),
      });
      const share = (what: keyof typeof ratios): number => median(ratios[what]);
      rows.push({
        suite: 'vault',
        metric: 'first attachment after start (GCM worker starts), 100 MB encrypt',
        value: size / MiB / (firstUse / 1000),
        unit: 'MB/s',
      });
      for (const [what, value, metric] of [
        ['enc', enc, 'attachment encrypt 100 MB (file → vault, fsync)'],
        ['chunks', chunks, 'attachment encrypt 100 MB from renderer pieces (addFromChunks, fsync)'],
        ['dec', dec, 'attachment decrypt 100 MB (vault → one buffer in memory)'],
      ] as const) {
        rows.push({
          suite: 'vault',
          metric: `${metric}; ratio = median of per-run ratios`,
          value,
          unit: 'MB/s',
          peer: peerRaw,
          ratio: 1 / share(what),
          target: '≥ 50% of raw AES-GCM',
          pass: share(what) >= 0.5,
          runRatios: ratios[what].map((x) => 1 / x),
        });
      }
      rows.push({
        suite: 'vault',
        metric: 'attachment encrypt 100 MB (ours with fsync) vs gpg --symmetric',
        value: enc,
        unit: 'MB/s',
        peer: { name: 'gpg --symmetric', value: gpg },
        ratio: gpg / enc,
      });
      rows.push({
        suite: 'vault',
        metric: 'attachment decrypt 100 MB vs gpg --decrypt (to a file)',
        value: dec,
        unit: 'MB/s',
        peer: { name: 'gpg --decrypt', value: gpgDec },
        ratio: gpgDec / dec,
      });
      if (age) {
        rows.push({
          suite: 'vault',
          metric: 'attachment encrypt 100 MB (ours with fsync) vs age -r (X25519 recipient)',
          value: enc,
          unit: 'MB/s',
          peer: { name: 'age -r', value: age.enc },
          ratio: age.enc / enc,
        });
        rows.push({
          suite: 'vault',
          metric: 'attachment decrypt 100 MB vs age -d (to a file)',
          value: dec,
          unit: 'MB/s',
          peer: { name: 'age -d', value: age.dec },
          ratio: age.dec / dec,
        });
      }
      await v.lock();
    } finally {
      await rm(root, { recursive: true, force: true });
    }
    return rows;
  },
};
