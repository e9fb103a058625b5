import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TikhoError } from '../../../../../shared/errors';
import { CONTRACT } from '../../../../../shared/ipc/contract';
import { MAX_CHUNK_BASE64, UPLOAD_CHUNK_BYTES } from '../../../../../shared/ipc/notes';
import { createNotesHandlers } from '../../../../../electron/services/app/handlers/notesHandlers';
import { createUploadSessions } from '../../../../../electron/services/notes/uploadSessions';
import { createPanicService, type PanicService } from '../../../../../electron/services/panic';
import { floorVault, recordingPorts } from '../../panic/helpers';
import { createVaultService, type VaultService } from '../../../../../electron/services/vault/vaultService';

type NotesContext = Parameters<typeof createNotesHandlers>[0];

const FLOOR_KDF = { memoryKiB: 19_456, iterations: 2, parallelism: 1 };
const PASS = 'correct horse battery staple';

/** Takes a thunk: some handlers are synchronous and throw instead of rejecting. */
async function rejectsWith(call: () => unknown, code: string): Promise<void> {
  await expect(Promise.resolve().then(call)).rejects.toMatchObject({ code });
}

/** The real panic service over the test's folder: a restore tells it to forget the backup's decoy. */
function realPanic(dataDir: string, vault: ReturnType<typeof createVaultService>): PanicService {
  return createPanicService({ dataDir, vault, ports: recordingPorts(), createVault: floorVault });
}

describe('notes handlers', () => {
  let dir: string;
  let vault: VaultService;
  let handlers: ReturnType<typeof createNotesHandlers>;
  let saved: string[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tikho-notes-'));
    vault = createVaultService({ dir: join(dir, 'vault'), kdf: FLOOR_KDF });
    await vault.create(PASS, { withRecoveryCode: false });
    saved = [];
    const ctx = {
      vault,
      dataDir: dir,
      panic: realPanic(dir, vault),
      ports: {
        chooseSavePath: (name: string) => {
          const p = join(dir, `out-${name}`);
          saved.push(p);
          return Promise.resolve(p);
        },
      },
    } as unknown as NotesContext;
    handlers = createNotesHandlers(ctx, {
      uploads: createUploadSessions({ maxSessions: 2, idleMs: 60_000 }),
    });
  });

  afterEach(async () => {
    await vault.lock();
    await rm(dir, { recursive: true, force: true });
  });

  const newNote = async (title = 'Встреча', body = 'Ёлка у Алёны'): Promise<string> =>
    (await handlers['notes:create']({ title, body, tags: ['work'], pinned: false })).note.id;

  it('creates, lists, searches with an excerpt, updates and deletes a note', async () => {
    const id = await newNote();
    const list = await handlers['notes:list']({});
    expect(list.notes).toEqual([expect.objectContaining({ id, title: 'Встреча', damaged: false })]);
    expect(Object.keys(list.notes[0] ?? {})).not.toContain('body');
    const { hits } = await handlers['notes:search']({ query: 'елка' });
    expect(hits[0]?.snippet).toEqual({ text: 'Ёлка у Алёны', ranges: [{ start: 0, end: 4 }] });
    const updated = await handlers['notes:update']({ id, pinned: true, tags: ['a', 'b'] });
    expect(updated.note).toMatchObject({ pinned: true, tags: ['a', 'b'] });
    await handlers['notes:delete']({ id });
    await rejectsWith(() => handlers['notes:get']({ id }), 'notes/not-found');
  });

  it('uploads an attachment in chunks and previews a real image only', async () => {
    const id = await newNote();
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.alloc(3000, 7),
    ]);
    const { uploadId } = await handlers['notes:attachBegin']({
      noteId: id,
      name: 'a.png',
      mime: 'image/png',
      size: png.length,
    });
    await handlers['notes:uploadChunk']({
      uploadId,
      index: 0,
      base64: png.subarray(0, 1000).toString('base64'),
    });
    await handlers['notes:uploadChunk']({
      uploadId,
      index: 1,
      base64: png.subarray(1000).toString('base64'),
    });
    const { attachment } = await handlers['notes:attachFinish']({ uploadId });
    expect(attachment).toMatchObject({ name: 'a.png', size: png.length, previewable: true });
    const preview = await handlers['notes:preview']({ noteId: id, attachmentId: attachment.id });
    expect(Buffer.from(preview.base64, 'base64').equals(png)).toBe(true);
    expect(preview.mime).toBe('image/png');

    // Declared an image but is not one: no preview.
    const fake = Buffer.from('<svg onload=alert(1)>');
    const up2 = await handlers['notes:attachBegin']({
      noteId: id,
      name: 'x.png',
      mime: 'image/png',
      size: fake.length,
    });
    await handlers['notes:uploadChunk']({
      uploadId: up2.uploadId,
      index: 0,
      base64: fake.toString('base64'),
    });
    const second = (await handlers['notes:attachFinish']({ uploadId: up2.uploadId })).attachment;
    await rejectsWith(
      () => handlers['notes:preview']({ noteId: id, attachmentId: second.id }),
      'notes/preview-unsupported',
    );

    const exported = await handlers['notes:exportAttachment']({ noteId: id, attachmentId: attachment.id });
    expect(exported.savedTo).toBe(saved[0]);
  });

  it('refuses chunks out of order, beyond the declared size, and an early finish', async () => {
    const id = await newNote();
    const a = await handlers['notes:attachBegin']({ noteId: id, name: 'f', mime: '', size: 4 });
    await rejectsWith(
      () => handlers['notes:uploadChunk']({ uploadId: a.uploadId, index: 1, base64: 'AAAA' }),
      'notes/upload-out-of-order',
    );
    await rejectsWith(
      () => handlers['notes:attachFinish']({ uploadId: a.uploadId }),
      'notes/upload-not-found',
    );

    const b = await handlers['notes:attachBegin']({ noteId: id, name: 'f', mime: '', size: 2 });
    await rejectsWith(
      () => handlers['notes:uploadChunk']({ uploadId: b.uploadId, index: 0, base64: 'AAAA' }),
      'notes/upload-too-large',
    );

    const c = await handlers['notes:attachBegin']({ noteId: id, name: 'f', mime: '', size: 6 });
    await handlers['notes:uploadChunk']({ uploadId: c.uploadId, index: 0, base64: 'AAAA' });
    await rejectsWith(
      () => handlers['notes:attachFinish']({ uploadId: c.uploadId }),
      'notes/upload-incomplete',
    );
    expect(await vault.attachments.list(id)).toEqual([]);
  });

  it('caps concurrent uploads and refuses an upload to an unknown note', async () => {
    const id = await newNote();
    await handlers['notes:attachBegin']({ noteId: id, name: 'a', mime: '', size: 10 });
    await handlers['notes:attachBegin']({ noteId: id, name: 'b', mime: '', size: 10 });
    await rejectsWith(
      () => handlers['notes:attachBegin']({ noteId: id, name: 'c', mime: '', size: 10 }),
      'notes/too-many-uploads',
    );
    await rejectsWith(
      () => handlers['notes:attachBegin']({ noteId: 'nope', name: 'c', mime: '', size: 10 }),
      'notes/not-found',
    );
  });

  it('drops pending uploads when the vault locks, and nothing of them stays on disk', async () => {
    const id = await newNote();
    const { uploadId } = await handlers['notes:attachBegin']({ noteId: id, name: 'a', mime: '', size: 8 });
    await handlers['notes:uploadChunk']({
      uploadId,
      index: 0,
      base64: Buffer.from('half').toString('base64'),
    });
    await vault.lock();
    await rejectsWith(
      () =>
        handlers['notes:uploadChunk']({ uploadId, index: 1, base64: Buffer.from('rest').toString('base64') }),
      'notes/upload-not-found',
    );
    await vault.unlock(PASS);
    expect(await vault.attachments.list(id)).toEqual([]);
    const leftovers = (await readdir(join(dir, 'vault', 'attachments'))).filter((n) => n.includes('tmp'));
    expect(leftovers).toEqual([]);
  });

  it('exports an encrypted backup and restores it into an empty vault only', async () => {
    await newNote('Backed up', 'body text');
    const out = await handlers['notes:backupExport']({ passphrase: 'backup passphrase one' });
    expect(out.savedTo).not.toBeNull();
    await rejectsWith(() => handlers['notes:restoreBegin']({ size: 10 }), 'notes/restore-not-empty');

    const { readFile } = await import('node:fs/promises');
    const file = await readFile(out.savedTo ?? '');
    const dir2 = await mkdtemp(join(tmpdir(), 'tikho-notes2-'));
    const vault2 = createVaultService({ dir: join(dir2, 'vault'), kdf: FLOOR_KDF });
    await vault2.create(PASS, { withRecoveryCode: false });
    const h2 = createNotesHandlers({
      vault: vault2,
      dataDir: dir2,
      panic: realPanic(dir2, vault2),
    } as unknown as NotesContext);
    const send = async (passphrase: string) => {
      const { uploadId, chunkBytes } = await h2['notes:restoreBegin']({ size: file.length });
      for (let i = 0, off = 0; off < file.length; i++, off += chunkBytes)
        await h2['notes:uploadChunk']({
          uploadId,
          index: i,
          base64: file.subarray(off, off + chunkBytes).toString('base64'),
        });
      return h2['notes:restoreFinish']({ uploadId, passphrase });
    };
    await rejectsWith(() => send('wrong passphrase here'), 'notes/backup-wrong-passphrase');
    expect(await send('backup passphrase one')).toMatchObject({ notes: 1 });
    expect((await h2['notes:list']({})).notes[0]?.title).toBe('Backed up');
    expect((await readdir(dir2)).filter((n) => n.startsWith('.restore-'))).toEqual([]);
    await vault2.lock();
    await rm(dir2, { recursive: true, force: true });
  });
});

describe('notes schemas', () => {
  it('refuse unknown keys', () => {
    expect(CONTRACT['notes:get'].request.safeParse({ id: 'abc', extra: 1 }).success).toBe(false);
    expect(
      CONTRACT['notes:create'].request.safeParse({
        title: '',
        body: '',
        tags: [],
        pinned: false,
        path: '/etc',
      }).success,
    ).toBe(false);
    expect(CONTRACT['notes:update'].request.safeParse({ id: 'abc', createdAt: 1 }).success).toBe(false);
  });

  it('refuse oversize chunks and non-base64 data', () => {
    const uploadId = 'a'.repeat(32);
    const ok = Buffer.alloc(UPLOAD_CHUNK_BYTES, 1).toString('base64');
    expect(ok.length).toBe(MAX_CHUNK_BASE64);
    expect(CONTRACT['notes:uploadChunk'].request.safeParse({ uploadId, index: 0, base64: ok }).success).toBe(
      true,
    );
    expect(
      CONTRACT['notes:uploadChunk'].request.safeParse({ uploadId, index: 0, base64: `${ok}AAAA` }).success,
    ).toBe(false);
    expect(
      CONTRACT['notes:uploadChunk'].request.safeParse({ uploadId, index: 0, base64: 'not base64!' }).success,
    ).toBe(false);
    expect(
      CONTRACT['notes:uploadChunk'].request.safeParse({ uploadId: '../x', index: 0, base64: '' }).success,
    ).toBe(false);
  });

  it('caps attachment and backup sizes and the search query', () => {
    const base = { noteId: 'n1', name: 'a', mime: '' };
    expect(
      CONTRACT['notes:attachBegin'].request.safeParse({ ...base, size: 100 * 1024 * 1024 }).success,
    ).toBe(true);
    expect(CONTRACT['notes:attachBegin'].request.safeParse({ ...base, size: 2 ** 40 }).success).toBe(false);
    expect(CONTRACT['notes:search'].request.safeParse({ query: 'x'.repeat(201) }).success).toBe(false);
  });

  it('an upload error is a TikhoError with a notes code', () => {
    expect(new TikhoError('notes/upload-expired').code).toMatch(/^notes\//);
  });
});
