/** Infrastructure shared by services; other services import only this file (scripts/lint/serviceBoundary.js). */
export { createSerialQueue } from './serialQueue';
export type { SerialQueue } from './serialQueue';
export { errnoOf } from './errno';
export { createSingleFlight } from './singleFlight';
export type { SingleFlight } from './singleFlight';
