/** The vault service's public face: other services import only this file (scripts/lint/serviceBoundary.js). */
export { openGcm, sealGcm } from './aead';
export type { AttachmentInfo } from './attachmentStore';
export { RECORD_COLLECTIONS } from './collections';
export type { CollectionName } from './collections';
export { GCM_NONCE_BYTES, HEADER_FILE, LEGACY_HEADER_FILE, TEMP_PREFIX } from './formatConstants';
export {
  chooseCopy,
  createInPlaceFile,
  openSealedCopy,
  overwriteCopy,
  readInPlaceCopies,
  sealCopy,
  sealedCopyBytes,
  wipeInPlaceFile,
} from './inPlaceFile';
export type { CopyIndex } from './inPlaceFile';
export { memoizedCalibration } from './kdfCalibration';
export type { KdfParams } from './kdfParams';
export type { NoteSummary } from './notebook';
export { createMemoryRecordStore } from './recordStore';
export type { EncryptedRecordStore } from './recordStore';
export { recoverySecretFromInput } from './recoveryCode';
export { createVaultService } from './vaultService';
export type { KdfSource, VaultService } from './vaultService';
export { encodeJsonRecord, parseJsonRecord, readJsonRecord } from './jsonRecord';
