import { TikhoError } from '../../../shared/errors';
import {
  ATTACHMENT_META_COLLECTION,
  attachmentInfoSchema,
  type AttachmentContext,
  type AttachmentInfo,
} from './attachmentFormat';
import { openedChunks } from './attachmentOpen';
import { allocJobMemory, zeroBytes, zeroJobMemory, type JobMemory } from './gcmJob';
import { parseJsonRecord } from './jsonRecord';
import { paddedLength } from './padding';
import { writeAll, FILE_MODE } from '../common';
import { toWriteError } from './writeError';

/** Reading attachments back: meta records, plaintext as a stream or one buffer, an export. */

export async function readMeta(ctx: AttachmentContext, id: string): Promise<AttachmentInfo> {
  const raw = await ctx.records.read(ATTACHMENT_META_COLLECTION, id);
  if (!raw) throw new TikhoError('vault/attachment-not-found');
  const info = parseJsonRecord(raw, attachmentInfoSchema);
  raw.fill(0);
  if (!info) throw new TikhoError('vault/attachment-damaged');
  return info;
}

export async function listAll(ctx: AttachmentContext): Promise<AttachmentInfo[]> {
  const out: AttachmentInfo[] = [];
  for (const r of await ctx.records.readAll(ATTACHMENT_META_COLLECTION)) {
    if (!r.ok) continue;
    // A damaged meta record hides its attachment; the note itself stays readable.
    const info = parseJsonRecord(r.data, attachmentInfoSchema);
    if (info) out.push(info);
  }
  return out;
}

export async function listForNote(ctx: AttachmentContext, noteId: string): Promise<AttachmentInfo[]> {
  return (await listAll(ctx)).filter((a) => a.noteId === noteId);
}

/**
 * Decrypted plaintext, one chunk at a time (each a buffer of its own that the consumer may keep
 * and should zero).
 */
export async function* streamAttachment(ctx: AttachmentContext, id: string): AsyncGenerator<Buffer> {
  ctx.session.assertActive();
  const info = await readMeta(ctx, id);
  const fresh = (_start: number, length: number): { data: JobMemory; offset: number } => ({
    data: allocJobMemory(length),
    offset: 0,
  });
  for await (const { start, plain } of openedChunks(ctx, info, fresh)) {
    // The part past info.size is the zero padding.
    const real = Math.max(0, Math.min(plain.length, info.size - start));
    if (real > 0) yield plain.subarray(0, real);
  }
}

/**
 * Whole plaintext in one buffer: each chunk is read into its place and opened there. The
 * buffer is a view of the first info.size bytes of shared memory sized to the padded length
 * (the rest is the zero padding, opened in place too).
 */
export async function readAttachment(ctx: AttachmentContext, id: string): Promise<Buffer> {
  ctx.session.assertActive();
  const info = await readMeta(ctx, id);
  const data = allocJobMemory(paddedLength(info.size));
  try {
    for await (const chunk of openedChunks(ctx, info, (start) => ({ data, offset: start }))) void chunk;
    return Buffer.from(data, 0, info.size);
  } catch (err) {
    zeroJobMemory(data);
    throw err;
  }
}

/** The one place decrypted bytes reach the disk, at a path the user chose. */
export async function exportAttachment(ctx: AttachmentContext, id: string, destPath: string): Promise<void> {
  const { fs } = ctx;
  const handle = await fs.open(destPath, 'w', FILE_MODE).catch((err: unknown) => {
    throw toWriteError(err);
  });
  let ok = false;
  try {
    let position = 0;
    for await (const p of streamAttachment(ctx, id)) {
      await writeAll(handle, [p], position);
      position += p.length;
      zeroBytes(p);
    }
    await handle.sync();
    ok = true;
  } catch (err) {
    throw err instanceof TikhoError ? err : toWriteError(err);
  } finally {
    await handle.close();
    if (!ok) await fs.unlink(destPath).catch(() => undefined);
  }
}
