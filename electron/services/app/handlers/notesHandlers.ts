import { TikhoError } from '../../../../shared/errors';
import { createUploadSessions, type UploadSessions } from '../../notes';
import type { Services } from '../services';
import { attachmentHandlers } from './notes/attachmentHandlers';
import { backupHandlers } from './notes/backupHandlers';
import { noteHandlers, searchHandlers } from './notes/noteHandlers';
import type { NotesHandlerContext, NotesHandlers } from './notes/notesContext';

export interface NotesHandlerOptions {
  /** Tests pass a small store; the app uses the defaults. */
  uploads?: UploadSessions;
}

/**
 * The notebook over IPC: notes, attachments (uploaded in chunks from the renderer, never a path),
 * search with excerpts, backup and exports. Pending uploads live in memory only and are dropped
 * the moment the vault locks.
 */
export function createNotesHandlers(
  services: Pick<Services, 'vault' | 'ports' | 'dataDir' | 'panic'>,
  options: NotesHandlerOptions = {},
): NotesHandlers {
  const uploads = options.uploads ?? createUploadSessions();
  services.vault.onLock(() => uploads.dropAll(new TikhoError('vault/locked')));
  const ctx: NotesHandlerContext = {
    vault: services.vault,
    ports: services.ports,
    dataDir: services.dataDir,
    panic: services.panic,
    uploads,
  };
  return {
    ...noteHandlers(ctx),
    ...searchHandlers(ctx),
    ...attachmentHandlers(ctx),
    ...backupHandlers(ctx),
  };
}
