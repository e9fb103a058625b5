/** The clipboard service's public face: other services import only this file (scripts/lint/serviceBoundary.js). */
export { createClipboardGuard } from './clipboardGuard';
export type { ClipboardGuard } from './clipboardGuard';
