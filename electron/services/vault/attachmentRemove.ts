import { join } from 'node:path';
import { removeFileDurably } from './atomicFile';
import { ATTACHMENT_META_COLLECTION, type AttachmentContext } from './attachmentFormat';
import { listForNote } from './attachmentRead';

/** Removing attachments: meta record first, then the data file (an orphan is swept later). */

export async function removeAttachment(ctx: AttachmentContext, id: string): Promise<void> {
  ctx.session.assertActive();
  await ctx.records.remove(ATTACHMENT_META_COLLECTION, id);
  await removeFileDurably(ctx.fs, ctx.dataPath(id));
}

export async function removeAllForNote(ctx: AttachmentContext, noteId: string): Promise<void> {
  for (const a of await listForNote(ctx, noteId)) await removeAttachment(ctx, a.id);
}

/** Data files no meta record points to: a crash between the data and the meta write. */
export async function sweepOrphans(ctx: AttachmentContext): Promise<void> {
  const { fs, dataDir, dataPath } = ctx;
  const known = new Set((await ctx.records.list(ATTACHMENT_META_COLLECTION)).map((id) => dataPath(id)));
  let names: string[];
  try {
    names = await fs.readdir(dataDir);
  } catch {
    return;
  }
  for (const name of names) {
    const p = join(dataDir, name);
    if (!known.has(p)) await fs.unlink(p).catch(() => undefined);
  }
}
