/** The app service's public face: other services import only this file (scripts/lint/serviceBoundary.js). */
export type {
  AppInfo,
  AppProfile,
  EventSink,
  HostPorts,
  PanicHostPorts,
  PanicShortcutPort,
  PanicShortcutState,
} from './hostPorts';
