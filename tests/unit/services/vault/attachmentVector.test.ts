import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAttachmentStore } from '../../../../electron/services/vault/attachmentStore';
import { openFileRecordStore, writeEmptyManifest } from '../../../../electron/services/vault/fileRecordStore';
import { createInlineGcmLane, createWorkerGcmLane } from '../../../../electron/services/vault/gcmLane';
import { deriveSubkeys } from '../../../../electron/services/vault/keyDerivation';
import { createVaultSession } from '../../../../electron/services/vault/vaultSession';
import { allFiles, tempDir } from './helpers';
import { nodeFileSystem } from '../../../../electron/services/common';

/**
 * The attachment file format frozen as bytes. With the master key, vault id, every random draw
 * and the clock fixed, the data file of a 2.5 MiB + 3 B attachment (three 1 MiB chunks, the last
 * one partial plus padding) hashes to the value printed in docs/vault-format.md; the same hash
 * came out of the WebCrypto implementation this one replaced, so old files stay readable.
 */
const ATTACHMENT_FILE_SHA256 = 'bd9aeba51cbfa5c995e28e003650bb3f977e942da67d67717a021544afb8e104';

function seededRandom(seed: string): (n: number) => Buffer {
  let counter = 0;
  return (n) => createHash('shake256', { outputLength: n }).update(`${seed}/${counter++}`).digest();
}

let ctx: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  ctx = await tempDir();
});
afterEach(async () => {
  await ctx.cleanup();
});

async function storeIn(dir: string, lane: ReturnType<typeof createInlineGcmLane>) {
  await mkdir(join(dir, 'records'), { recursive: true });
  await mkdir(join(dir, 'attachments'), { recursive: true });
  const master = Buffer.alloc(32, 0x11);
  const vaultId = Buffer.alloc(16, 0x22);
  const session = createVaultSession(vaultId, master, deriveSubkeys(master, vaultId), 'primary');
  const random = seededRandom('tikho-attachment-vector');
  await writeEmptyManifest({ fs: nodeFileSystem, dir, session, random });
  const records = await openFileRecordStore({ fs: nodeFileSystem, dir, session, random });
  return createAttachmentStore({
    fs: nodeFileSystem,
    dir,
    session,
    records,
    random,
    clock: () => 1_700_000_000_000,
    newId: () => 'attachment-vector-1',
    maxBytes: 512 * 1024 * 1024,
    gcm: lane,
  });
}

/** The vector's plaintext: byte k = (k·131 + ⌊k / 2048⌋) mod 256, 2.5 MiB + 3 B. */
function vectorPlaintext(): Buffer {
  const data = Buffer.alloc(2.5 * 1024 * 1024 + 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 131 + (i >> 11)) & 0xff;
  return data;
}

/** Stores `data` in pieces that cross chunk edges; returns the attachment and its one data file. */
async function addVector(
  store: Awaited<ReturnType<typeof storeIn>>,
  dir: string,
  data: Buffer,
): Promise<{ id: string; file: string }> {
  const a = await store.addFromStream(
    'note-1',
    { name: 'v.bin', mime: 'application/octet-stream', size: data.length },
    (async function* () {
      for (let o = 0; o < data.length; o += 300_001) {
        await Promise.resolve();
        yield Buffer.from(data.subarray(o, o + 300_001));
      }
    })(),
  );
  const [file, ...rest] = await allFiles(join(dir, 'attachments'));
  expect(rest).toEqual([]);
  if (!file) throw new Error('no data file');
  return { id: a.id, file };
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('attachment format vector', () => {
  it('writes the documented bytes on either GCM lane, reads them back, and the doc carries the hash', async () => {
    const data = vectorPlaintext();
    const worker = createWorkerGcmLane();
    try {
      for (const [name, lane] of [
        ['inline', createInlineGcmLane()],
        ['worker', worker],
      ] as const) {
        const dir = join(ctx.dir, name);
        const store = await storeIn(dir, lane);
        const { id, file } = await addVector(store, dir, data);
        const bytes = await readFile(file);
        expect(bytes.length).toBe(2 + 32 + 7 + 3 * 16 + 2_686_976); // paddedLength(2.5 MiB + 3)
        expect(sha256(bytes), name).toBe(ATTACHMENT_FILE_SHA256);
        expect((await store.read(id)).equals(data)).toBe(true);
      }
    } finally {
      await worker.close();
    }
    const doc = await readFile(resolve(import.meta.dirname, '../../../../docs/vault-format.md'), 'utf8');
    expect(doc).toContain(ATTACHMENT_FILE_SHA256);
  });

  it('a runtime without SharedArrayBuffer writes and reads the same bytes (jobs stay on the calling thread)', async () => {
    const data = vectorPlaintext();
    const worker = createWorkerGcmLane();
    vi.stubGlobal('SharedArrayBuffer', undefined);
    try {
      const dir = join(ctx.dir, 'no-sab');
      const store = await storeIn(dir, worker);
      const { id, file } = await addVector(store, dir, data);
      expect(sha256(await readFile(file))).toBe(ATTACHMENT_FILE_SHA256);
      const back = await store.read(id);
      expect(back.buffer instanceof ArrayBuffer).toBe(true);
      expect(back.equals(data)).toBe(true);
    } finally {
      vi.unstubAllGlobals();
      await worker.close();
    }
  });
});
