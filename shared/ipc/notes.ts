import { z } from 'zod';
import { ANY_STATE, UNLOCKED, endpoint } from './endpoint';
import { empty, id, MAX_LIST, MAX_NOTE_BODY, passphrase, shortText } from './limits';

/** The notes domain's channels (`notes:action`) and its main → renderer events. */

/** Bytes per upload chunk before base64 (the renderer slices files to this). */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;
/** base64 of one full chunk: 4 characters per 3 bytes, padded. */
export const MAX_CHUNK_BASE64 = Math.ceil(UPLOAD_CHUNK_BYTES / 3) * 4;
/** Largest attachment accepted (at least 100 MB, so a scanned document or a short video fits). */
export const MAX_ATTACHMENT_BYTES = 256 * 1024 * 1024;
/** Largest backup file the restore accepts; it is ciphertext and streamed to a temp file. */
export const MAX_BACKUP_BYTES = 4 * 1024 * 1024 * 1024;
/** Images larger than this are not previewed (they still can be exported). */
export const MAX_PREVIEW_BYTES = 20 * 1024 * 1024;
export const MAX_TITLE = 500;
export const MAX_TAGS = 50;
export const MAX_TAG = 60;
export const MAX_QUERY = 200;

const timestamp = z.number().int().nonnegative();
const tags = z.array(shortText(MAX_TAG)).max(MAX_TAGS);
const uploadId = z.string().regex(/^[a-f0-9]{32}$/);

const summary = z
  .object({
    id: id(),
    title: z.string(),
    tags: z.array(z.string()),
    pinned: z.boolean(),
    createdAt: timestamp,
    updatedAt: timestamp,
    damaged: z.boolean(),
  })
  .strict();

const note = z
  .object({
    id: id(),
    title: z.string(),
    body: z.string(),
    tags: z.array(z.string()),
    pinned: z.boolean(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .strict();

const range = z.object({ start: z.number().int(), end: z.number().int() }).strict();

const searchHit = z
  .object({
    id: id(),
    title: z.array(range),
    /** A short excerpt of the body around the first match, with ranges inside the excerpt. */
    snippet: z
      .object({ text: z.string(), ranges: z.array(range) })
      .strict()
      .nullable(),
    tags: z.array(z.array(range)),
  })
  .strict();

const attachment = z
  .object({
    id: id(),
    name: z.string(),
    mime: z.string(),
    size: z.number().int().nonnegative(),
    createdAt: timestamp,
    /** Whether main will return a preview for it (a known image format under the size cap). */
    previewable: z.boolean(),
  })
  .strict();

const fileMeta = {
  name: z.string().min(1).max(255),
  mime: z.string().max(100),
};

/** The place the person chose, shown so they know where the copy went; null when they cancelled. */
const saved = z.object({ savedTo: z.string().nullable() }).strict();

export const notesChannels = {
  'notes:list': endpoint(
    empty(),
    z.object({ notes: z.array(summary).max(MAX_LIST * 10) }).strict(),
    UNLOCKED,
  ),
  'notes:get': endpoint(z.object({ id: id() }).strict(), z.object({ note }).strict(), UNLOCKED),
  'notes:create': endpoint(
    z
      .object({
        title: z.string().max(MAX_TITLE),
        body: z.string().max(MAX_NOTE_BODY),
        tags,
        pinned: z.boolean(),
      })
      .strict(),
    z.object({ note: summary }).strict(),
    UNLOCKED,
  ),
  'notes:update': endpoint(
    z
      .object({
        id: id(),
        title: z.string().max(MAX_TITLE).optional(),
        body: z.string().max(MAX_NOTE_BODY).optional(),
        tags: tags.optional(),
        pinned: z.boolean().optional(),
      })
      .strict(),
    z.object({ note: summary }).strict(),
    UNLOCKED,
  ),
  'notes:delete': endpoint(z.object({ id: id() }).strict(), empty(), UNLOCKED),
  'notes:tags': endpoint(empty(), z.object({ tags: z.array(z.string()) }).strict(), UNLOCKED),
  'notes:search': endpoint(
    z.object({ query: z.string().max(MAX_QUERY) }).strict(),
    z.object({ hits: z.array(searchHit) }).strict(),
    UNLOCKED,
  ),

  'notes:attachBegin': endpoint(
    z
      .object({
        noteId: id(),
        ...fileMeta,
        size: z.number().int().nonnegative().max(MAX_ATTACHMENT_BYTES),
      })
      .strict(),
    z.object({ uploadId, chunkBytes: z.number().int().positive() }).strict(),
    UNLOCKED,
  ),
  'notes:uploadChunk': endpoint(
    z
      .object({
        uploadId,
        index: z.number().int().nonnegative().max(1_000_000),
        base64: z
          .string()
          .max(MAX_CHUNK_BASE64)
          .regex(/^[A-Za-z0-9+/]*={0,2}$/),
      })
      .strict(),
    empty(),
    UNLOCKED,
  ),
  'notes:attachFinish': endpoint(
    z.object({ uploadId }).strict(),
    z.object({ attachment }).strict(),
    UNLOCKED,
  ),
  'notes:uploadCancel': endpoint(z.object({ uploadId }).strict(), empty(), ANY_STATE),
  'notes:attachments': endpoint(
    z.object({ noteId: id() }).strict(),
    z.object({ attachments: z.array(attachment) }).strict(),
    UNLOCKED,
  ),
  'notes:preview': endpoint(
    z.object({ noteId: id(), attachmentId: id() }).strict(),
    z.object({ mime: z.string(), base64: z.string() }).strict(),
    UNLOCKED,
  ),
  'notes:exportAttachment': endpoint(
    z.object({ noteId: id(), attachmentId: id() }).strict(),
    saved,
    UNLOCKED,
  ),
  'notes:removeAttachment': endpoint(
    z.object({ noteId: id(), attachmentId: id() }).strict(),
    empty(),
    UNLOCKED,
  ),

  'notes:backupExport': endpoint(z.object({ passphrase: passphrase().optional() }).strict(), saved, UNLOCKED),
  'notes:restoreBegin': endpoint(
    z.object({ size: z.number().int().positive().max(MAX_BACKUP_BYTES) }).strict(),
    z.object({ uploadId, chunkBytes: z.number().int().positive() }).strict(),
    UNLOCKED,
  ),
  'notes:restoreFinish': endpoint(
    z.object({ uploadId, passphrase: passphrase() }).strict(),
    z.object({ notes: z.number().int().nonnegative(), attachments: z.number().int().nonnegative() }).strict(),
    UNLOCKED,
  ),
  'notes:exportPlain': endpoint(empty(), saved, UNLOCKED),
} as const;

export const notesEvents = {} as const;
