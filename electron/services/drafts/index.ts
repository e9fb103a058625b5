/** The drafts service's public face: other services import only this file (scripts/lint/serviceBoundary.js). */
export { createDraftStore } from './draftStore';
export type { DraftStore } from './draftStore';
