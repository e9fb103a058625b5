import type { SafeStorage } from 'electron';
import type { MirrorKeystorePort, MirrorProtection } from '../services/panic';
import type { WarnLogger } from '../services/log/logger';

/** The parts of Electron's safeStorage the lock-screen key uses (the stand-in in tests, Electron's in the app). */
export type SafeStorageDeps = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

/**
 * Linux backends that keep safeStorage's key in a real secret store. `basic_text` encrypts with a
 * password hard-coded in Chromium (no protection at all); `unknown` means it was asked before
 * `ready`. Either way the honest answer is "none".
 */
const LINUX_PROTECTING_BACKENDS: ReadonlySet<string> = new Set([
  'gnome_libsecret',
  'kwallet',
  'kwallet5',
  'kwallet6',
]);

async function protectionOf(
  safeStorage: SafeStorageDeps,
  platform: NodeJS.Platform,
): Promise<MirrorProtection> {
  let available = false;
  try {
    available = await safeStorage.isAsyncEncryptionAvailable();
  } catch {
    available = false;
  }
  if (!available) return 'none';
  if (platform === 'linux' && !LINUX_PROTECTING_BACKENDS.has(safeStorage.getSelectedStorageBackend()))
    return 'none';
  return 'os-keystore';
}

/**
 * The OS keystore for the lock-screen mirror: safeStorage seals the mirror's 32-byte
 * secret; electron/services/panic/mirrorSecret.ts keeps it in the data folder. Call after `ready`
 * only (safeStorage throws or answers "unknown" before it). The secret crosses safeStorage as
 * base64 text because that is all its string API takes; it never reaches a log or the renderer.
 */
export async function createMirrorKeystore(deps: {
  safeStorage: SafeStorageDeps;
  platform: NodeJS.Platform;
  logger: WarnLogger;
}): Promise<MirrorKeystorePort> {
  const { safeStorage } = deps;
  const protection = await protectionOf(safeStorage, deps.platform);
  if (protection === 'none')
    deps.logger.warn('panic: no OS keystore; the lock-screen settings are keyed by public header bytes');
  return {
    protection,
    seal: (secret) => safeStorage.encryptStringAsync(secret.toString('base64')),
    open: async (sealed) => {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(sealed);
      return { secret: Buffer.from(result, 'base64'), stale: shouldReEncrypt };
    },
  };
}
