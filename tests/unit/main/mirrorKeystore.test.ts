import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMirrorKeystore, type SafeStorageDeps } from '../../../electron/main/mirrorKeystore';
import { createSafeStorageStandIn } from './safeStorageStandIn';

const quiet = { warn: () => undefined };

function safeStorage(
  backend: ReturnType<SafeStorageDeps['getSelectedStorageBackend']>,
  available = true,
): SafeStorageDeps & { calls: string[] } {
  const calls: string[] = [];
  const real = createSafeStorageStandIn((name) => calls.push(name), backend);
  return { ...real, isAsyncEncryptionAvailable: () => Promise.resolve(available), calls };
}

describe('the OS keystore for the lock-screen mirror (electron/main/mirrorKeystore.ts)', () => {
  it("calls Linux's basic_text backend (a hard-coded password) and an unknown one no protection", async () => {
    for (const backend of ['basic_text', 'unknown'] as const) {
      const port = await createMirrorKeystore({
        safeStorage: safeStorage(backend),
        platform: 'linux',
        logger: quiet,
      });
      expect(port.protection).toBe('none');
    }
    for (const backend of ['gnome_libsecret', 'kwallet5', 'kwallet6'] as const) {
      const port = await createMirrorKeystore({
        safeStorage: safeStorage(backend),
        platform: 'linux',
        logger: quiet,
      });
      expect(port.protection).toBe('os-keystore');
    }
  });

  it('is none when encryption is unavailable, on any platform; the backend name counts only on Linux', async () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const port = await createMirrorKeystore({
        safeStorage: safeStorage('gnome_libsecret', false),
        platform,
        logger: quiet,
      });
      expect(port.protection).toBe('none');
    }
    const mac = await createMirrorKeystore({
      safeStorage: safeStorage('unknown'),
      platform: 'darwin',
      logger: quiet,
    });
    expect(mac.protection).toBe('os-keystore');
  });

  it('seals the 32-byte secret so that only the same keystore opens it', async () => {
    const port = await createMirrorKeystore({
      safeStorage: safeStorage('kwallet6'),
      platform: 'linux',
      logger: quiet,
    });
    const secret = randomBytes(32);
    const sealed = await port.seal(secret);
    expect(sealed.includes(secret)).toBe(false);
    expect(sealed.includes(Buffer.from(secret.toString('base64')))).toBe(false);
    expect((await port.open(sealed)).secret.equals(secret)).toBe(true);
    const other = await createMirrorKeystore({
      safeStorage: safeStorage('kwallet6'),
      platform: 'linux',
      logger: quiet,
    });
    await expect(other.open(sealed)).rejects.toThrow();
  });
});
