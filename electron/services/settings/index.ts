/** The settings service's public face: other services import only this file (scripts/lint/serviceBoundary.js). */
export type { SettingsService } from './settingsService';
