/**
 * The panic service's public face (other services and the composition root import only this
 * file; scripts/lint/serviceBoundary.js). The service itself is panicService.ts.
 */
export { createPanicService } from './panicService';
export type { PanicService, PanicServiceOptions, PanicVault } from './panicServiceTypes';
export type { DecoyNote } from './spareFolder';
export * from './panicTypes';
export type { PanicErrorCode } from './panicErrors';
export { duressTooClose, damerauLevenshtein } from './typoGuard';
export { MARKER_FILE } from './wipeMarker';
export { GUARD_FILE } from './unlockGuard';
export { MIRROR_KEY_FILE } from './mirrorSecret';
export type { MirrorKeystorePort, MirrorProtection } from './mirrorSecret';
export { SPARE_DIR, VAULT_DIR } from './planNames';
export { DEAD_MAN_DAYS, type DeadManDays } from './deadMan';
export { writeDrillRecord } from './drillRecord';
export type { PanicDrillRecord } from './drillRecord';
export { PANIC_DRILLS_COLLECTION } from './panicConfig';
export { panicError } from './panicErrors';
export { PRACTICE_SHORTCUT_WINDOW_MS, createPanicPractice } from './practice';
export type { PanicPractice } from './practice';
