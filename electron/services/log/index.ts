/** The log service's public face: other services import only this file (scripts/lint/serviceBoundary.js). */
export type { Logger, WarnLogger } from './logger';
