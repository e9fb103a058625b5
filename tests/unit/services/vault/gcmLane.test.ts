import { execFile } from 'node:child_process';
import { createCipheriv, randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { GcmJob } from '../../../../electron/services/vault/gcmJob';
import {
  createInlineGcmLane,
  createPooledGcmLane,
  createWorkerGcmLane,
  sharedGcmLane,
  type GcmLane,
} from '../../../../electron/services/vault/gcmLane';
import { REPO_ROOT } from '../../../fixtures/nodeChild';
import { tempDir } from './helpers';

const run = promisify(execFile);

/** A job over a fresh shared region holding `plain` (or ciphertext for open) at an odd offset. */
function jobFor(
  op: 'seal' | 'open',
  bytes: Buffer,
  key: Buffer,
  nonce: Buffer,
  aad: Buffer,
  tag?: Buffer,
): GcmJob {
  const offset = 13; // not aligned: the lane must honour offsets, not assume slot boundaries
  const data = new SharedArrayBuffer(offset + bytes.length + 7);
  Buffer.from(data, offset).set(bytes);
  const keySab = new SharedArrayBuffer(32);
  Buffer.from(keySab).set(key);
  const tags = new SharedArrayBuffer(48);
  if (tag) Buffer.from(tags, 16, 16).set(tag);
  return { op, key: keySab, nonce, aad, data, offset, length: bytes.length, tags, tagOffset: 16 };
}
const region = (j: GcmJob): Buffer => Buffer.from(j.data, j.offset, j.length);
const tagOf = (j: GcmJob): Buffer => Buffer.from(j.tags, j.tagOffset, 16);

function reference(plain: Buffer, key: Buffer, nonce: Buffer, aad: Buffer): { body: Buffer; tag: Buffer } {
  const c = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: 16 });
  c.setAAD(aad);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return { body, tag: c.getAuthTag() };
}

const worker = createWorkerGcmLane();
const inline = createInlineGcmLane();
afterAll(async () => {
  await worker.close();
  await sharedGcmLane().close();
});

describe('GCM lanes (worker thread and calling thread)', () => {
  // Sizes around the 64 KiB update slice, a whole 1 MiB chunk, and empty.
  for (const size of [0, 1, 65_535, 65_536, 65_537, 200_001, 1024 * 1024]) {
    it(`seal gives node:crypto's own bytes and open restores the plaintext, ${size} bytes, on both lanes`, async () => {
      const plain = randomBytes(size);
      const key = randomBytes(32);
      const nonce = randomBytes(12);
      const aad = randomBytes(40);
      const ref = reference(plain, key, nonce, aad);
      for (const lane of [worker, inline]) {
        const sealJob = jobFor('seal', plain, key, nonce, aad);
        expect(await lane.run(sealJob)).toBe(true);
        expect(region(sealJob).equals(ref.body)).toBe(true);
        expect(tagOf(sealJob).equals(ref.tag)).toBe(true);
        // Bytes around the region are untouched.
        expect(Buffer.from(sealJob.data, 0, sealJob.offset).equals(Buffer.alloc(sealJob.offset))).toBe(true);
        expect(Buffer.from(sealJob.data, sealJob.offset + size).equals(Buffer.alloc(7))).toBe(true);
        const openJob = jobFor('open', ref.body, key, nonce, aad, ref.tag);
        expect(await lane.run(openJob)).toBe(true);
        expect(region(openJob).equals(plain)).toBe(true);
      }
    });
  }

  it('refuses a flipped ciphertext bit, a wrong tag, nonce, AAD or key, and zeroes the region each time', async () => {
    const plain = Buffer.from('Протокол обыска, 12 марта; адвокат: Ирина'.repeat(3000));
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const aad = Buffer.from('tikho/v1/attachment');
    const ref = reference(plain, key, nonce, aad);
    const flipped = Buffer.from(ref.body);
    flipped[70_000] = (flipped[70_000] ?? 0) ^ 1;
    const badTag = Buffer.from(ref.tag);
    badTag[0] = (badTag[0] ?? 0) ^ 0x80;
    const cases: [string, GcmJob][] = [
      ['ciphertext', jobFor('open', flipped, key, nonce, aad, ref.tag)],
      ['tag', jobFor('open', ref.body, key, nonce, aad, badTag)],
      ['nonce', jobFor('open', ref.body, key, randomBytes(12), aad, ref.tag)],
      ['aad', jobFor('open', ref.body, key, nonce, Buffer.from('tikho/v1/other'), ref.tag)],
      ['key', jobFor('open', ref.body, randomBytes(32), nonce, aad, ref.tag)],
    ];
    for (const lane of [worker, inline]) {
      for (const [what, job] of cases) {
        const fresh = { ...job, data: new SharedArrayBuffer(job.data.byteLength) };
        Buffer.from(fresh.data).set(Buffer.from(job.data));
        expect(await lane.run(fresh), what).toBe(false);
        // Unauthenticated plaintext never outlives the job: the region is all zeroes.
        expect(region(fresh).equals(Buffer.alloc(fresh.length)), what).toBe(true);
      }
    }
  });

  it('a closed worker lane fails its pending job and starts a new worker for the next one', async () => {
    const lane = createWorkerGcmLane();
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const big = jobFor('seal', randomBytes(8 * 1024 * 1024), key, nonce, Buffer.alloc(0));
    const pending = lane.run(big);
    await lane.close();
    await expect(pending).rejects.toThrow(/gcm worker/);
    const small = jobFor('seal', Buffer.from('after restart'), key, nonce, Buffer.alloc(0));
    expect(await lane.run(small)).toBe(true);
    expect(
      region(small).equals(reference(Buffer.from('after restart'), key, nonce, Buffer.alloc(0)).body),
    ).toBe(true);
    await lane.close();
  });

  it('a job in plain (unshared) memory runs on the calling thread, so its result is not lost in a copy', async () => {
    const plain = randomBytes(300_000);
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    const shared = jobFor('seal', plain, key, nonce, Buffer.alloc(0));
    const unshared: GcmJob = {
      ...shared,
      key: Uint8Array.from(Buffer.from(shared.key)).buffer,
      data: Uint8Array.from(Buffer.from(shared.data)).buffer,
      tags: Uint8Array.from(Buffer.from(shared.tags)).buffer,
    };
    expect(await worker.run(unshared)).toBe(true);
    const ref = reference(plain, key, nonce, Buffer.alloc(0));
    expect(region(unshared).equals(ref.body)).toBe(true);
    expect(tagOf(unshared).equals(ref.tag)).toBe(true);
  });

  it('runs jobs on the calling thread when no worker can be started', async () => {
    let tries = 0;
    const lane = createWorkerGcmLane(() => {
      tries++;
      throw new Error('ERR_WORKER_INIT_FAILED');
    });
    const key = randomBytes(32);
    const nonce = randomBytes(12);
    for (let i = 0; i < 2; i++) {
      const job = jobFor('seal', Buffer.from('без воркера'), key, nonce, Buffer.alloc(0));
      expect(await lane.run(job)).toBe(true);
      expect(
        region(job).equals(reference(Buffer.from('без воркера'), key, nonce, Buffer.alloc(0)).body),
      ).toBe(true);
    }
    expect(tries).toBe(1); // the fallback sticks; no new attempt per job
    await lane.close();
  });

  it('a pool spreads jobs over its lanes in turn, and a failing lane fails only its own jobs', async () => {
    const given = [0, 0];
    const counting = (i: number, lane: GcmLane): GcmLane => ({
      run: (job) => {
        given[i] = (given[i] ?? 0) + 1;
        return lane.run(job);
      },
      close: () => lane.close(),
    });
    const dead: GcmLane = {
      run: () => Promise.reject(new Error('gcm worker stopped')),
      close: async () => {},
    };
    const key = randomBytes(32);
    const aad = Buffer.from('pool');
    const jobs = Array.from({ length: 6 }, (_, i) => {
      const nonce = randomBytes(12);
      const plain = randomBytes(70_000 + i);
      return { plain, nonce, job: jobFor('seal', plain, key, nonce, aad) };
    });
    const pool = createPooledGcmLane([counting(0, createInlineGcmLane()), counting(1, dead)]);
    const outcomes = await Promise.allSettled(jobs.map((j) => pool.run(j.job)));
    expect(given).toEqual([3, 3]);
    outcomes.forEach((o, i) => {
      const j = jobs[i];
      if (!j) throw new Error('job missing');
      if (i % 2 === 1) {
        expect(o.status).toBe('rejected');
        return;
      }
      expect(o).toEqual({ status: 'fulfilled', value: true });
      expect(region(j.job).equals(reference(j.plain, key, j.nonce, aad).body)).toBe(true);
    });
  });

  it("the process-wide lane (two workers) gives node:crypto's bytes for jobs run at once", async () => {
    const key = randomBytes(32);
    const aad = Buffer.from('shared');
    const jobs = Array.from({ length: 8 }, (_, i) => {
      const nonce = randomBytes(12);
      const plain = randomBytes(300_000 + i * 1001);
      return { plain, nonce, job: jobFor('seal', plain, key, nonce, aad) };
    });
    expect(await Promise.all(jobs.map((j) => sharedGcmLane().run(j.job)))).toEqual(jobs.map(() => true));
    for (const j of jobs) {
      const ref = reference(j.plain, key, j.nonce, aad);
      expect(region(j.job).equals(ref.body)).toBe(true);
      expect(tagOf(j.job).equals(ref.tag)).toBe(true);
    }
  });

  it('an idle worker does not keep a process alive, and a pending job does', async () => {
    const ctx = await tempDir();
    try {
      const script = join(ctx.dir, 'laneChild.ts');
      const lane = join(REPO_ROOT, 'electron/services/vault/gcmLane.ts');
      await writeFile(
        script,
        `import { sharedGcmLane } from ${JSON.stringify(lane)};
const k = new SharedArrayBuffer(32); const d = new SharedArrayBuffer(1 << 20); const t = new SharedArrayBuffer(16);
// Not awaited: only the job itself may keep the process alive until its answer arrives.
void sharedGcmLane()
  .run({ op: 'seal', key: k, nonce: new Uint8Array(12), aad: new Uint8Array(0), data: d, offset: 0, length: d.byteLength, tags: t, tagOffset: 0 })
  .then((ok) => process.stdout.write(ok ? 'sealed' : 'refused'));
`,
      );
      const started = Date.now();
      const { stdout } = await run(process.execPath, ['--import', 'tsx', script], {
        cwd: REPO_ROOT,
        timeout: 20_000,
      });
      expect(stdout).toBe('sealed');
      expect(Date.now() - started).toBeLessThan(20_000);
    } finally {
      await ctx.cleanup();
    }
  });
});
