import { promises as fsp } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTikhoError } from '../../../../shared/errors';
import { createInlineGcmLane, type GcmLane } from '../../../../electron/services/vault/gcmLane';
import { createFolder, foldForSearch } from '../../../../electron/services/vault/textFolding';
import { codeOf } from '../pgp/helpers';
import { PASS, allFiles, floorVault, latch, tempDir, type Latch } from './helpers';
import { nodeFileSystem, type FileSystem, type FileHandle } from '../../../../electron/services/common';

let ctx: { dir: string; cleanup: () => Promise<void> };
beforeEach(async () => {
  ctx = await tempDir();
});
afterEach(async () => {
  await ctx.cleanup();
});

const MARKER = 'MARKER-7f3a-НЕ-НАЙТИ';

/** The renderer sends bytes in pieces of whatever size IPC gives; odd sizes cross chunk edges. */
async function* piecesOf(data: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let o = 0; o < data.length; o += size) {
    await Promise.resolve();
    yield Uint8Array.from(data.subarray(o, o + size));
  }
}

/** `n` bytes of a pattern that differs from chunk to chunk, so a swapped or shifted chunk shows. */
function chunky(n: number): Buffer {
  const b = Buffer.alloc(n);
  for (let i = 0; i < n; i++) b[i] = (i * 13 + (i >> 9)) & 0xff;
  return b;
}

describe('nothing readable on disk', () => {
  it('finds neither a note marker string nor an attachment byte pattern in any file of the vault folder', async () => {
    const v = floorVault(ctx.dir);
    await v.create(PASS, { withRecoveryCode: true });
    const n = await v.notes.create({
      title: `t ${MARKER}`,
      body: `body ${MARKER}`,
      tags: [MARKER],
      pinned: true,
    });
    await v.records.write('pgp-keys', MARKER, Buffer.from(MARKER));
    const pattern = Buffer.from('PATTERN-0xDEADBEEF-ВЛОЖЕНИЕ');
    const src = join(ctx.dir, 'photo.bin');
    await writeFile(src, Buffer.concat(Array.from({ length: 5000 }, () => pattern)));
    await v.attachments.add(n.id, { name: `${MARKER}.jpg`, mime: 'image/jpeg', sourcePath: src });
    const fromRenderer = Buffer.concat(Array.from({ length: 3000 }, () => pattern));
    await v.attachments.addFromChunks(
      n.id,
      { name: `${MARKER}-2.jpg`, mime: 'image/jpeg', size: fromRenderer.length },
      piecesOf(Buffer.from(fromRenderer), 7777),
    );
    await v.lock();
    const needles = [
      Buffer.from(MARKER, 'utf8'),
      Buffer.from(MARKER, 'utf16le'),
      pattern,
      Buffer.from('MARKER-7f3a'),
    ];
    const files = await allFiles(join(ctx.dir, 'vault'));
    expect(files.length).toBeGreaterThan(4);
    for (const f of files) {
      const bytes = await readFile(f);
      for (const needle of needles) expect(bytes.includes(needle)).toBe(false);
      expect(f.includes('MARKER')).toBe(false);
    }
  });
});

describe('notes', () => {
  it('creates, updates, deletes (file and index entries gone), lists tags', async () => {
    const v = floorVault(ctx.dir);
    await v.create(PASS, { withRecoveryCode: false });
    const before = (await allFiles(join(ctx.dir, 'vault', 'records'))).length;
    const n = await v.notes.create({
      title: 'Киев',
      body: 'встреча',
      tags: ['люди', ' люди '],
      pinned: false,
    });
    expect(n.tags).toEqual(['люди']);
    await v.notes.update(n.id, { pinned: true, body: 'встреча перенесена' });
    expect(v.notes.get(n.id)).toMatchObject({ pinned: true, body: 'встреча перенесена' });
    expect(v.notes.tags()).toEqual(['люди']);
    expect((await allFiles(join(ctx.dir, 'vault', 'records'))).length).toBe(before + 1);
    await v.notes.delete(n.id);
    expect(v.notes.list()).toEqual([]);
    expect(v.notes.search('встреча')).toEqual([]);
    expect(v.notes.tags()).toEqual([]);
    expect((await allFiles(join(ctx.dir, 'vault', 'records'))).length).toBe(before);
    await v.lock();
    await v.unlock(PASS);
    expect(v.notes.list()).toEqual([]);
  });

  it('search folds Cyrillic and Latin and returns highlight ranges', async () => {
    const v = floorVault(ctx.dir);
    await v.create(PASS, { withRecoveryCode: false });
    const a = await v.notes.create({
      title: 'Ёлка у ЁЖИКА',
      body: 'Café in Kraków',
      tags: ['Київ'],
      pinned: false,
    });
    await v.notes.create({ title: 'другое', body: 'ничего', tags: [], pinned: false });
    const r1 = v.notes.search('елка');
    expect(r1.map((r) => r.id)).toEqual([a.id]);
    expect(r1[0]?.title).toEqual([{ start: 0, end: 4 }]);
    expect(v.notes.search('ежика')[0]?.title).toEqual([{ start: 7, end: 12 }]);
    expect(v.notes.search('cafe krakow')[0]?.body).toEqual([
      { start: 0, end: 4 },
      { start: 8, end: 14 },
    ]);
    expect(v.notes.search('киів')[0]?.tags).toEqual([[{ start: 0, end: 4 }]]);
    expect(v.notes.search('кийв')).toEqual([]); // й stays distinct from и/і/ї
  });

  it('folds by the documented rule, one UTF-16 unit per unit', () => {
    expect(foldForSearch('ЁёЄєІіЇїҐґЙй')).toBe('ееееииииггйй');
    expect(foldForSearch('ÉCOLE Łódź Straße İ')).toBe('ecole lodz straße i');
    expect(foldForSearch('😀Ы')).toBe('😀ы');
  });

  it('the fast whole-string fold equals the per-unit fold over every BMP unit and in context', () => {
    let all = '';
    for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) all += String.fromCharCode(c);
    // Word-final Σ (context-sensitive in whole-string lower-casing), astral letters, İ.
    const text = `${all} ΟΔΟΣ ΣΑΣ 😀𐐀Ы İstanbul Ёлка Київ ҐАНОК`;
    const fold = createFolder();
    const perUnit = [...text].map((ch) => (ch.length === 2 ? ch : fold(ch))).join('');
    expect(fold(text)).toBe(perUnit);
    expect(fold(text).length).toBe(text.length);
    expect(fold(`${all.slice(0, 5000)} ΟΔΟΣ`)).toBe(perUnit.slice(0, 5000) + ' οδοσ');
  });
});

describe('attachments', () => {
  it('round-trips, detects a swapped, truncated or extended data file, and is removed with its note', async () => {
    const v = floorVault(ctx.dir);
    await v.create(PASS, { withRecoveryCode: false });
    const n = await v.notes.create({ title: 'doc', body: '', tags: [], pinned: false });
    const data = Buffer.alloc(3_300_000); // four 1 MiB chunks, so reorder/truncate have room
    for (let i = 0; i < data.length; i++) data[i] = (i * 31) & 0xff;
    await writeFile(join(ctx.dir, 'src.bin'), data);
    const a = await v.attachments.add(n.id, {
      name: 'scan.pdf',
      mime: 'application/pdf',
      sourcePath: join(ctx.dir, 'src.bin'),
    });
    expect(a.size).toBe(data.length);
    expect((await v.attachments.read(a.id)).equals(data)).toBe(true);
    await v.attachments.exportTo(a.id, join(ctx.dir, 'out.bin'));
    expect((await readFile(join(ctx.dir, 'out.bin'))).equals(data)).toBe(true);
    expect((await v.attachments.list(n.id)).map((x) => x.id)).toEqual([a.id]);

    const [file] = await allFiles(join(ctx.dir, 'vault', 'attachments'));
    if (!file) throw new Error('no data file');
    const original = await readFile(file);
    const chunk = 1024 * 1024 + 16; // docs/vault-format.md §Attachment file
    const header = 2 + 32 + 7;
    const cases: Buffer[] = [
      original.subarray(0, header + chunk * 2), // truncated at a chunk boundary
      Buffer.concat([original, original.subarray(header, header + chunk)]), // extended
      Buffer.concat([
        original.subarray(0, header),
        original.subarray(header + chunk, header + 2 * chunk),
        original.subarray(header, header + chunk),
        original.subarray(header + 2 * chunk),
      ]), // reordered
    ];
    for (const bad of cases) {
      await writeFile(file, bad);
      expect(await codeOf(v.attachments.read(a.id))).toBe('vault/attachment-damaged');
    }
    await writeFile(file, original);
    await v.notes.delete(n.id);
    expect(await allFiles(join(ctx.dir, 'vault', 'attachments'))).toEqual([]);
    expect(await codeOf(v.attachments.read(a.id))).toBe('vault/attachment-not-found');
  });

  it('addFromChunks streams renderer bytes of any piece size into the vault and refuses a wrong size', async () => {
    const v = floorVault(ctx.dir);
    await v.create(PASS, { withRecoveryCode: false });
    const n = await v.notes.create({ title: 'photos', body: '', tags: [], pinned: false });
    // 2.5 MiB + 3: several 1 MiB chunks, a partial one, and padding that spills into another.
    const data = Buffer.alloc(2.5 * 1024 * 1024 + 3);
    for (let i = 0; i < data.length; i++) data[i] = (i * 7 + (i >> 13)) & 0xff;
    const small = data.subarray(0, 5000);
    const one = await v.attachments.addFromChunks(
      n.id,
      { name: 's', mime: 'image/png', size: small.length },
      piecesOf(Buffer.from(small), 1),
    );
    expect((await v.attachments.read(one.id)).equals(small)).toBe(true);
    for (const piece of [65_536, 1024 * 1024, 333_333]) {
      const a = await v.attachments.addFromChunks(
        n.id,
        { name: `p${piece}`, mime: 'image/jpeg', size: data.length },
        piecesOf(data, piece),
      );
      expect(a.size).toBe(data.length);
      expect((await v.attachments.read(a.id)).equals(data)).toBe(true);
    }
    const before = (await allFiles(join(ctx.dir, 'vault', 'attachments'))).length;
    for (const sent of [data.subarray(0, 1000), Buffer.concat([data, Buffer.alloc(5)])]) {
      await expect(
        v.attachments.addFromChunks(n.id, { name: 'x', mime: 'x', size: data.length }, piecesOf(sent, 4096)),
      ).rejects.toMatchObject({ code: 'vault/attachment-size-mismatch' });
    }
    // Nothing half-written stays behind.
    expect((await allFiles(join(ctx.dir, 'vault', 'attachments'))).length).toBe(before);
    expect((await v.attachments.list(n.id)).length).toBe(4);
    await v.lock();
    await v.unlock(PASS);
    const listed = await v.attachments.list(n.id);
    expect(listed.map((a) => a.size).sort((x, y) => x - y)).toEqual([
      5000,
      data.length,
      data.length,
      data.length,
    ]);
  });

  it('addFromChunks refuses a declared size over the limit before reading anything', async () => {
    const v = floorVault(ctx.dir, { maxAttachmentBytes: 1000 });
    await v.create(PASS, { withRecoveryCode: false });
    const n = await v.notes.create({ title: 'doc', body: '', tags: [], pinned: false });
    let pulled = 0;
    async function* never(): AsyncGenerator<Uint8Array> {
      pulled++;
      await Promise.resolve();
      yield new Uint8Array(1);
    }
    await expect(
      v.attachments.addFromChunks(n.id, { name: 'b', mime: 'x', size: 1001 }, never()),
    ).rejects.toMatchObject({ code: 'vault/attachment-too-large' });
    expect(pulled).toBe(0);
  });

  it('refuses an attachment over the limit', async () => {
    const v = floorVault(ctx.dir, { maxAttachmentBytes: 1000 });
    await v.create(PASS, { withRecoveryCode: false });
    const n = await v.notes.create({ title: 'doc', body: '', tags: [], pinned: false });
    await writeFile(join(ctx.dir, 'big.bin'), Buffer.alloc(1001));
    await expect(
      v.attachments.add(n.id, { name: 'b', mime: 'x', sourcePath: join(ctx.dir, 'big.bin') }),
    ).rejects.toMatchObject({ code: 'vault/attachment-too-large' });
  });
});

/**
 * node:fs for the vault, with every opened file passed through `wrap` (which may return the
 * handle itself, or `withMethods` of it).
 */
function fsWrappingFiles(wrap: (handle: FileHandle, path: string, flags?: string) => FileHandle): FileSystem {
  return {
    ...nodeFileSystem,
    open: (async (path: string, flags?: string, mode?: number) =>
      wrap(await fsp.open(path, flags, mode), path, flags)) as FileSystem['open'],
  };
}

const HANDLE_METHODS = ['read', 'readv', 'write', 'writev', 'stat', 'datasync', 'sync', 'close'] as const;

/** `handle` with some methods replaced; every other method the vault calls stays bound to it. */
function withMethods(handle: FileHandle, replaced: Record<string, unknown>): FileHandle {
  const own = handle as unknown as Record<string, (...args: unknown[]) => unknown>;
  const bound = Object.fromEntries(HANDLE_METHODS.map((name) => [name, own[name]?.bind(handle)]));
  return Object.assign(
    Object.create(Object.getPrototypeOf(handle) as object) as FileHandle,
    handle,
    bound,
    replaced,
  );
}

/**
 * Tests run as root, where chmod does not stop writes: an injected fs fails the way the OS would.
 * While `when.fail` is set, every file created from then on accepts `okWrites` write calls and
 * then fails each one with `errno`.
 */
function failingFs(errno: 'ENOSPC' | 'EROFS', when: { fail: boolean }, okWrites = 0): FileSystem {
  return fsWrappingFiles((handle, _path, flags) => {
    if (!when.fail || flags !== 'wx') return handle;
    let calls = 0;
    const failing =
      <A extends unknown[], R>(real: (...args: A) => Promise<R>) =>
      (...args: A): Promise<R> =>
        ++calls > okWrites ? Promise.reject(Object.assign(new Error(errno), { code: errno })) : real(...args);
    return withMethods(handle, {
      write: failing(handle.write.bind(handle) as (...args: unknown[]) => Promise<unknown>),
      writev: failing(handle.writev.bind(handle)),
    });
  });
}

/**
 * An fs whose attachment reads (`read`: the first read of chunk data), attachment writes
 * (`write`: the third write of a new data file) and renames (`rename`) wait at whatever latch
 * the test puts there, so a race is played out in one fixed order.
 */
function gatedFs(): { fs: FileSystem; read: Latch | null; write: Latch | null; rename: Latch | null } {
  const gates: { fs: FileSystem; read: Latch | null; write: Latch | null; rename: Latch | null } = {
    fs: nodeFileSystem,
    read: null,
    write: null,
    rename: null,
  };
  const pass = async (gate: 'read' | 'write' | 'rename'): Promise<void> => {
    const held = gates[gate];
    if (held) {
      gates[gate] = null;
      await held.wait();
    }
  };
  gates.fs = {
    ...fsWrappingFiles((handle, path, flags) => {
      if (!path.includes(`${sep}attachments${sep}`)) return handle;
      let reads = 0;
      let writes = 0;
      return withMethods(handle, {
        readv: async (...args: Parameters<FileHandle['readv']>) => {
          if (++reads === 2) await pass('read');
          return handle.readv(...args);
        },
        writev: async (...args: Parameters<FileHandle['writev']>) => {
          if (flags === 'wx' && ++writes === 3) await pass('write');
          return handle.writev(...args);
        },
      });
    }),
    rename: async (from, to) => {
      await pass('rename');
      return nodeFileSystem.rename(from, to);
    },
  };
  return gates;
}

describe('attachments under stress', () => {
  it('refuses a source file that grew or shrank after it was measured, or is not a regular file, and keeps nothing', async () => {
    for (const [label, lie] of [
      ['grew', -1000],
      ['shrank', +1000],
    ] as const) {
      // The size the open source file reports is off by `lie`, as if it changed after measuring.
      const fs = fsWrappingFiles((handle, path) =>
        path.endsWith('src.bin')
          ? withMethods(handle, {
              stat: async () => {
                const real = await handle.stat();
                return Object.assign(real, { size: real.size + lie });
              },
            })
          : handle,
      );
      const v = floorVault(join(ctx.dir, label), { fs });
      await v.create(PASS, { withRecoveryCode: false });
      const n = await v.notes.create({ title: 'doc', body: '', tags: [], pinned: false });
      await writeFile(join(ctx.dir, 'src.bin'), chunky(2_200_000));
      await expect(
        v.attachments.add(n.id, {
          name: 'scan.pdf',
          mime: 'application/pdf',
          sourcePath: join(ctx.dir, 'src.bin'),
        }),
        label,
      ).rejects.toMatchObject({ code: 'vault/attachment-source-unreadable' });
      expect(await allFiles(join(ctx.dir, label, 'vault', 'attachments')), label).toEqual([]);
      expect(await v.attachments.list(n.id)).toEqual([]);
    }
    const v = floorVault(join(ctx.dir, 'folder'));
    await v.create(PASS, { withRecoveryCode: false });
    const n = await v.notes.create({ title: 'doc', body: '', tags: [], pinned: false });
    await expect(
      v.attachments.add(n.id, { name: 'folder', mime: 'x', sourcePath: ctx.dir }),
    ).rejects.toMatchObject({ code: 'vault/attachment-source-unreadable' });
    expect(await v.attachments.list(n.id)).toEqual([]);
  });

  it('an attachment write failing with ENOSPC reports vault/disk-full and leaves no file behind', async () => {
    const when = { fail: false };
    // The header and two chunks land, then the disk is full.
    const fs = failingFs('ENOSPC', when, 3);
    const v = floorVault(ctx.dir, { fs });
    await v.create(PASS, { withRecoveryCode: false });
    const n = await v.notes.create({ title: 'doc', body: 'keep me', tags: [], pinned: false });
    const data = chunky(5 * 1024 * 1024 + 77);
    await writeFile(join(ctx.dir, 'src.bin'), data);
    when.fail = true;
    await expect(
      v.attachments.add(n.id, {
        name: 'big.pdf',
        mime: 'application/pdf',
        sourcePath: join(ctx.dir, 'src.bin'),
      }),
    ).rejects.toMatchObject({ code: 'vault/disk-full' });
    when.fail = false;
    expect(await allFiles(join(ctx.dir, 'vault', 'attachments'))).toEqual([]);
    expect(await v.attachments.list(n.id)).toEqual([]);
    // The vault goes on working once there is room again.
    const a = await v.attachments.add(n.id, {
      name: 'big.pdf',
      mime: 'application/pdf',
      sourcePath: join(ctx.dir, 'src.bin'),
    });
    expect((await v.attachments.read(a.id)).equals(data)).toBe(true);
    expect(v.notes.get(n.id).body).toBe('keep me');
  });

  it('a GCM worker that dies mid-file gives vault/io-error on write and read, and keeps nothing half-written', async () => {
    const dead: GcmLane = {
      run: () => Promise.reject(new Error('gcm worker stopped')),
      close: () => Promise.resolve(),
    };
    const data = chunky(3 * 1024 * 1024);
    await writeFile(join(ctx.dir, 'src.bin'), data);
    const good = floorVault(ctx.dir, { gcmLane: createInlineGcmLane() });
    await good.create(PASS, { withRecoveryCode: false });
    const n = await good.notes.create({ title: 'doc', body: '', tags: [], pinned: false });
    const a = await good.attachments.add(n.id, {
      name: 'a',
      mime: 'x',
      sourcePath: join(ctx.dir, 'src.bin'),
    });
    await good.lock();
    const v = floorVault(ctx.dir, { gcmLane: dead });
    await v.unlock(PASS);
    expect(await codeOf(v.attachments.read(a.id))).toBe('vault/io-error');
    await expect(
      v.attachments.add(n.id, { name: 'b', mime: 'x', sourcePath: join(ctx.dir, 'src.bin') }),
    ).rejects.toMatchObject({ code: 'vault/io-error' });
    expect(await allFiles(join(ctx.dir, 'vault', 'attachments'))).toHaveLength(1);
    expect((await v.attachments.list(n.id)).map((x) => x.id)).toEqual([a.id]);
    await v.lock();
    await good.unlock(PASS);
    expect((await good.attachments.read(a.id)).equals(data)).toBe(true);
  });

  it('a lock stops an attachment being read or written at once, before its own flush is done', async () => {
    const gates = gatedFs();
    const v = floorVault(ctx.dir, { fs: gates.fs });
    await v.create(PASS, { withRecoveryCode: false });
    const n = await v.notes.create({ title: 'doc', body: '', tags: [], pinned: false });
    const data = chunky(6 * 1024 * 1024 + 5);
    await writeFile(join(ctx.dir, 'src.bin'), data);
    const a = await v.attachments.add(n.id, {
      name: 'video',
      mime: 'video/mp4',
      sourcePath: join(ctx.dir, 'src.bin'),
    });
    // Each case: the attachment work waits mid-file; the lock starts and is held in its own
    // flush (a rename); the work is let go and must stop with vault/locked while the lock is
    // still flushing, so nothing decrypted is handed out, and nothing is kept, after Lock.
    const cases = [
      ['read', () => v.attachments.read(a.id)],
      [
        'write',
        () =>
          v.attachments.add(n.id, { name: 'again', mime: 'video/mp4', sourcePath: join(ctx.dir, 'src.bin') }),
      ],
    ] as const;
    for (const [label, work] of cases) {
      // An edit makes the lock write the notes summary, the flush held below.
      await v.notes.update(n.id, { body: label });
      const held = latch();
      gates[label] = held;
      const outcome = codeOf(work());
      await held.reached;
      const flushing = latch();
      gates.rename = flushing;
      const locking = v.lock();
      await flushing.reached;
      held.open();
      expect(await outcome, label).toBe('vault/locked');
      flushing.open();
      await locking;
      gates[label] = null;
      gates.rename = null;
      await v.unlock(PASS);
    }
    // The interrupted write left no file and no entry; the first attachment is intact.
    expect((await v.attachments.list(n.id)).map((x) => x.id)).toEqual([a.id]);
    expect(await allFiles(join(ctx.dir, 'vault', 'attachments'))).toHaveLength(1);
    expect((await v.attachments.read(a.id)).equals(data)).toBe(true);
  });
});

describe('disk errors (simulated through an injected fs facade)', () => {
  for (const [errno, code] of [
    ['ENOSPC', 'vault/disk-full'],
    ['EROFS', 'vault/read-only'],
  ] as const) {
    it(`a save failing with ${errno} reports ${code} and the previous version stays intact on disk and in memory`, async () => {
      const when = { fail: false };
      const v = floorVault(ctx.dir, { fs: failingFs(errno, when) });
      await v.create(PASS, { withRecoveryCode: false });
      const n = await v.notes.create({ title: 't', body: 'old', tags: [], pinned: false });
      when.fail = true;
      try {
        await v.notes.update(n.id, { body: 'new' });
        throw new Error('expected failure');
      } catch (err) {
        expect(isTikhoError(err) ? err.code : String(err)).toBe(code);
      }
      try {
        await v.notes.create({ title: 'x', body: 'y', tags: [], pinned: false });
        throw new Error('expected failure');
      } catch (err) {
        expect(isTikhoError(err) ? err.code : String(err)).toBe(code);
      }
      expect(v.notes.get(n.id).body).toBe('old');
      when.fail = false;
      await v.lock();
      await v.unlock(PASS);
      expect(v.notes.list().map((x) => [x.title, x.damaged])).toEqual([['t', false]]);
      expect(v.notes.get(n.id).body).toBe('old');
      expect((await allFiles(join(ctx.dir, 'vault'))).some((f) => f.includes('.tmp-'))).toBe(false);
    });
  }
});

describe('backup', () => {
  it('exports encrypted with its own passphrase and imports into an empty vault, refusing a non-empty one', async () => {
    const v = floorVault(join(ctx.dir, 'a'));
    await v.create(PASS, { withRecoveryCode: false });
    const n = await v.notes.create({ title: `backup ${MARKER}`, body: 'b', tags: ['x'], pinned: false });
    await writeFile(join(ctx.dir, 'img.bin'), Buffer.alloc(70_000, 7));
    await v.attachments.add(n.id, { name: 'img', mime: 'image/png', sourcePath: join(ctx.dir, 'img.bin') });
    await v.records.write('pgp-keys', 'k1', Buffer.from('key material'));
    const out = join(ctx.dir, 'backup.tikho');
    await v.backup.exportEncrypted(out, 'backup passphrase');
    expect((await readFile(out)).includes(Buffer.from(MARKER))).toBe(false);
    await expect(v.backup.importEncrypted(out, 'backup passphrase')).rejects.toMatchObject({
      code: 'vault/not-empty',
    });

    const w = floorVault(join(ctx.dir, 'b'));
    await w.create('another passphrase', { withRecoveryCode: false });
    await expect(w.backup.importEncrypted(out, 'wrong one!')).rejects.toMatchObject({
      code: 'vault/wrong-passphrase',
    });
    expect(await w.backup.importEncrypted(out, 'backup passphrase')).toEqual({ records: 2, attachments: 1 });
    // The session sees the imported notes at once, without a lock/unlock.
    expect(w.notes.list().map((x) => x.id)).toEqual([n.id]);
    expect(w.notes.get(n.id).title).toBe(`backup ${MARKER}`);
    expect(w.notes.search('backup').map((r) => r.id)).toEqual([n.id]);
    await w.lock();
    await w.unlock('another passphrase');
    expect(w.notes.get(n.id).title).toBe(`backup ${MARKER}`);
    const [att] = await w.attachments.list(n.id);
    expect(att && (await w.attachments.read(att.id)).equals(Buffer.alloc(70_000, 7))).toBe(true);
    expect(Buffer.from((await w.records.read('pgp-keys', 'k1')) ?? []).toString()).toBe('key material');

    const bytes = await readFile(out);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 1;
    await writeFile(out, bytes);
    const z = floorVault(join(ctx.dir, 'c'));
    await z.create('third passphrase', { withRecoveryCode: false });
    await expect(z.backup.importEncrypted(out, 'backup passphrase')).rejects.toMatchObject({
      code: 'vault/backup-damaged',
    });
    // Nothing of the damaged backup was written before its last chunk failed to authenticate.
    expect(z.notes.list()).toEqual([]);
    expect(await z.records.list('pgp-keys')).toEqual([]);
    expect(await z.attachments.list(n.id)).toEqual([]);
  });

  it('exports with the vault passphrase and as a plain Markdown zip', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const v = floorVault(join(ctx.dir, 'a'));
    await v.create(PASS, { withRecoveryCode: false });
    const note = await v.notes.create({ title: 'Заметка', body: 'текст', tags: ['t'], pinned: false });
    const scan = chunky(1_500_000);
    await v.attachments.addFromChunks(
      note.id,
      { name: 'скан.jpg', mime: 'image/jpeg', size: scan.length },
      piecesOf(scan, 100_000),
    );
    await v.backup.exportEncrypted(join(ctx.dir, 'b.tikho'));
    const w = floorVault(join(ctx.dir, 'b'));
    await w.create('another passphrase', { withRecoveryCode: false });
    expect(await w.backup.importEncrypted(join(ctx.dir, 'b.tikho'), PASS)).toEqual({
      records: 1,
      attachments: 1,
    });
    await v.backup.exportPlainZip(join(ctx.dir, 'plain.zip'));
    const files = unzipSync(await readFile(join(ctx.dir, 'plain.zip')));
    const md = strFromU8(files['notes/Заметка.md'] ?? new Uint8Array());
    expect(md).toContain('title: Заметка');
    expect(md).toContain('текст');
    const attached = files[`attachments/${note.id.slice(0, 8)}/скан.jpg`];
    expect(attached && Buffer.from(attached).equals(scan)).toBe(true);
  });
});
