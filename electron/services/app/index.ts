/** The app service's public face: other services import only this file (scripts/lint/serviceBoundary.js). */
export type { AppProfile, EventSink, HostPorts } from './appContext';
