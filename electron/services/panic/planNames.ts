import { HEADER_FILE, LEGACY_HEADER_FILE, TEMP_PREFIX as VAULT_TEMP_PREFIX } from '../vault';

/** The vault's own file names (its formatConstants), so the plan's list cannot drift from the format. */
export { HEADER_FILE, LEGACY_HEADER_FILE, VAULT_TEMP_PREFIX };

/** Names inside the data folder the plan knows: injected here, never guessed from Electron. */
export const VAULT_DIR = 'vault';
/** The decoy vault (or its filler, spareFolder.ts), kept aside until a wipe moves it into place. A bland name on purpose. */
export const SPARE_DIR = 'spare';
export const TRASH_PREFIX = '.wipe-trash-';
/** electron/main/index.ts: a non-user profile's userData is <userData>/profiles/<profile>. */
export const PROFILES_DIR = 'profiles';
/** Every name a vault header can have on disk: each is overwritten wherever one may exist. */
export const HEADER_FILES = [HEADER_FILE, LEGACY_HEADER_FILE] as const;

export interface PlanPaths {
  dataDir: string;
  tmpDir: string;
  /** Temp entries the app creates under tmpDir ('tikho-'). */
  tmpPrefix: string;
  /** Drill copies under tmpDir; a crashed drill can leave a copy of the header there. */
  drillPrefix: string;
}
