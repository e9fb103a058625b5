import { join } from 'node:path';
import {
  laneRunner,
  type AttachmentContext,
  type AttachmentStore,
  type AttachmentStoreOptions,
} from './attachmentFormat';
import { addFromChunks, addFromPath, addFromStream } from './attachmentAdd';
import { exportAttachment, listAll, listForNote, readAttachment, streamAttachment } from './attachmentRead';
import { removeAllForNote, removeAttachment, sweepOrphans } from './attachmentRemove';
import { ATTACHMENTS_DIR } from './formatConstants';
import { sharedGcmLane } from './gcmLane';
import { recordFileName } from './keyDerivation';

export {
  ATTACHMENT_META_COLLECTION,
  attachmentInfoSchema,
  type AttachmentInfo,
  type AttachmentRecords,
  type AttachmentStore,
  type Attachments,
} from './attachmentFormat';

/**
 * The attachments of one vault session, wired over one AttachmentContext: format in
 * attachmentFormat.ts, sealing in attachmentSeal.ts (the inputs in attachmentAdd.ts), opening in
 * attachmentOpen.ts (reading back and export in attachmentRead.ts), removal and the orphan sweep
 * in attachmentRemove.ts.
 */
export function createAttachmentStore(opts: AttachmentStoreOptions): AttachmentStore {
  const { dir, gcm, ...shared } = opts;
  const dataDir = join(dir, ATTACHMENTS_DIR);
  const ctx: AttachmentContext = {
    ...shared,
    dataDir,
    dataPath: (id) => join(dataDir, recordFileName(opts.session.subkeys.fileNames, 'attachment-data', id)),
    runOnLane: laneRunner(gcm ?? sharedGcmLane()),
  };
  return {
    add: (noteId, input) => addFromPath(ctx, noteId, input),
    addFromChunks: (noteId, meta, chunks) => addFromChunks(ctx, noteId, meta, chunks),
    addFromStream: (noteId, meta, source) => addFromStream(ctx, noteId, meta, source),
    list: (noteId) => listForNote(ctx, noteId),
    listAll: () => listAll(ctx),
    read: (id) => readAttachment(ctx, id),
    stream: (id) => streamAttachment(ctx, id),
    exportTo: (id, destPath) => exportAttachment(ctx, id, destPath),
    remove: (id) => removeAttachment(ctx, id),
    removeAllForNote: (noteId) => removeAllForNote(ctx, noteId),
    sweepOrphans: () => sweepOrphans(ctx),
  };
}
