/** The desk service's public face: other services import only this file (scripts/lint/serviceBoundary.js). */
export { createDeskService } from './deskService';
export type { DeskService } from './deskService';
