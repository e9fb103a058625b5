/** The notes service's public face: other services import only this file (scripts/lint/serviceBoundary.js). */
export { PREVIEW_MIMES, sniffImage } from './imageSniff';
export { asNotes } from './notesErrors';
export { searchSnippet } from './searchSnippet';
export { createUploadSessions } from './uploadSessions';
export type { UploadSessions } from './uploadSessions';
