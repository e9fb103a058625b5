/** The checklist service's public face: other services import only this file (scripts/lint/serviceBoundary.js). */
export { createChecklistService } from './checklistService';
export type { ChecklistService } from './checklistService';
export { loadChecklistContent } from './contentLoader';
export { liveSourcesFrom } from './liveSources';
export { updateError } from './updates/updateError';
export { createChecklistUpdateService } from './updates/updateService';
export type { ChecklistUpdateService } from './updates/updateService';
export { createChecklistServices } from './checklistAssembly';
export type { ChecklistServices } from './checklistAssembly';
