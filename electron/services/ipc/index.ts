/** The ipc service's public face: other services import only this file (scripts/lint/serviceBoundary.js). */
export type { HandlerTable } from './dispatch';
export type { HandlersFor } from './handlerTypes';
export { gateWhileLocked } from './lockGate';
