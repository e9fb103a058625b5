/** The contact service's public face: other services import only this file (scripts/lint/serviceBoundary.js). */
export { lookalikeOfNewTeam } from './nameSkeleton';
export { createRequestLabeler } from './requestLabels';
export type { LabelFn } from './requestLabels';
