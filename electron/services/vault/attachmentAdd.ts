import { TikhoError } from '../../../shared/errors';
import type { AttachmentContext, AttachmentInfo } from './attachmentFormat';
import { encryptNew } from './attachmentSeal';
import type { FileHandle } from '../common';

/** The three ways bytes arrive for a new attachment; each ends in encryptNew (attachmentSeal.ts). */

const SIZE_MISMATCH = 'vault/attachment-size-mismatch';

/** A file the user picked, read straight into the chunked AEAD. */
export async function addFromPath(
  ctx: AttachmentContext,
  noteId: string,
  input: { name: string; mime: string; sourcePath: string },
): Promise<AttachmentInfo> {
  const unreadable = 'vault/attachment-source-unreadable';
  let file: FileHandle;
  try {
    file = await ctx.fs.open(input.sourcePath, 'r');
  } catch {
    throw new TikhoError(unreadable);
  }
  try {
    // Measured on the open file, so the size belongs to the very file being read.
    const stat = await file.stat().catch(() => null);
    if (!stat?.isFile()) throw new TikhoError(unreadable);
    if (stat.size > ctx.maxBytes)
      throw new TikhoError('vault/attachment-too-large', { maxBytes: ctx.maxBytes });
    return await encryptNew(ctx, noteId, input, stat.size, { file }, unreadable);
  } finally {
    await file.close();
  }
}

/** Pieces from the renderer with their exact size declared up front. */
export function addFromChunks(
  ctx: AttachmentContext,
  noteId: string,
  meta: { name: string; mime: string; size: number },
  chunks: AsyncIterable<Uint8Array>,
): Promise<AttachmentInfo> {
  return encryptNew(ctx, noteId, meta, meta.size, { pieces: chunks }, SIZE_MISMATCH);
}

/** Any byte stream; without a size the pieces are collected first, under the limit. */
export async function addFromStream(
  ctx: AttachmentContext,
  noteId: string,
  meta: { name: string; mime: string; createdAt?: number; size?: number },
  source: AsyncIterable<Uint8Array>,
): Promise<AttachmentInfo> {
  if (meta.size !== undefined)
    return encryptNew(ctx, noteId, meta, meta.size, { pieces: source }, SIZE_MISMATCH);
  // Size unknown up front: collect first (backup import always passes the size).
  const parts: Buffer[] = [];
  let total = 0;
  try {
    for await (const p of source) {
      total += p.length;
      if (total > ctx.maxBytes)
        throw new TikhoError('vault/attachment-too-large', { maxBytes: ctx.maxBytes });
      parts.push(Buffer.from(p));
    }
    return await encryptNew(ctx, noteId, meta, total, { pieces: parts }, SIZE_MISMATCH);
  } finally {
    for (const p of parts) p.fill(0);
  }
}
