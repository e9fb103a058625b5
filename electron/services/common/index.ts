/** Infrastructure shared by services; other services import only this file (scripts/lint/serviceBoundary.js). */
/** Shared with the renderer, which orders its own saves the same way. */
export { createSerialQueue } from '../../../shared/serialQueue';
export type { SerialQueue } from '../../../shared/serialQueue';
export { errnoOf } from './errno';
export { createSingleFlight } from './singleFlight';
export type { SingleFlight } from './singleFlight';
export { nodeFileSystem, FILE_MODE, DIR_MODE } from './fileSystem';
export type { FileSystem, DirEntry } from './fileSystem';
export { syncFolder, writeFileAtomic, removeFileDurably, readIfExists } from './durableFile';
export { durabilityFor } from './durability';
export type { Durability, FileFlush } from './durability';
export { writeAll, remainder } from './vectoredWrite';
export type { FileHandle } from './vectoredWrite';
