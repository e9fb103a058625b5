/** The lock service's public face: other services import only this file (scripts/lint/serviceBoundary.js). */
export { createAutoLock } from './autoLock';
export type { AutoLock } from './autoLock';
export { createLockController } from './lockController';
export type { LockController } from './lockController';
