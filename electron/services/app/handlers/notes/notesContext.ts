import type { notesChannels } from '../../../../../shared/ipc/notes';
import { MAX_PREVIEW_BYTES } from '../../../../../shared/ipc/notes';
import type { HandlersFor } from '../../../ipc';
import { PREVIEW_MIMES, type UploadSessions } from '../../../notes';
import type { AttachmentInfo, NoteSummary } from '../../../vault';
import type { Services } from '../../services';

/** What every notebook handler group works with: the services it uses and the pending uploads. */
export type NotesHandlerContext = Pick<Services, 'vault' | 'ports' | 'dataDir' | 'panic'> & {
  uploads: UploadSessions;
};

export type NotesHandlers = HandlersFor<typeof notesChannels>;

export function toSummary(n: NoteSummary | (Omit<NoteSummary, 'damaged'> & { damaged?: boolean })) {
  return {
    id: n.id,
    title: n.title,
    tags: n.tags,
    pinned: n.pinned,
    createdAt: n.createdAt,
    updatedAt: n.updatedAt,
    damaged: n.damaged ?? false,
  };
}

export function toAttachment(a: AttachmentInfo) {
  return {
    id: a.id,
    name: a.name,
    mime: a.mime,
    size: a.size,
    createdAt: a.createdAt,
    previewable: PREVIEW_MIMES.includes(a.mime) && a.size <= MAX_PREVIEW_BYTES,
  };
}
