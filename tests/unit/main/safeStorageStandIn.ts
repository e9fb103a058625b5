import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DecryptStringAsyncReturnValue, SafeStorage } from 'electron';

/**
 * safeStorage for the stand-in electron (electronStandIn.ts): a real AES-256-GCM under a key made
 * for this process, as an OS keystore holds one outside the data folder. Every method needs
 * `ready` (Linux answers "unknown" and the async encryptor starts only after it), so each call
 * goes through the stand-in's requireReady, which records it and refuses it before ready.
 */
export function createSafeStorageStandIn(
  requireReady: (name: string) => void,
  backend: ReturnType<SafeStorage['getSelectedStorageBackend']> = 'gnome_libsecret',
) {
  const key = randomBytes(32);
  const seal = (plainText: string): Buffer => {
    const nonce = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, nonce);
    const body = Buffer.concat([c.update(plainText, 'utf8'), c.final()]);
    return Buffer.concat([nonce, body, c.getAuthTag()]);
  };
  const open = (sealed: Buffer): string => {
    const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    d.setAuthTag(sealed.subarray(sealed.length - 16));
    return Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]).toString('utf8');
  };
  return {
    isAsyncEncryptionAvailable: () => {
      requireReady('safeStorage.isAsyncEncryptionAvailable');
      return Promise.resolve(true);
    },
    getSelectedStorageBackend: () => {
      requireReady('safeStorage.getSelectedStorageBackend');
      return backend;
    },
    encryptStringAsync: (plainText: string) => {
      requireReady('safeStorage.encryptStringAsync');
      return Promise.resolve(seal(plainText));
    },
    decryptStringAsync: (encrypted: Buffer): Promise<DecryptStringAsyncReturnValue> => {
      requireReady('safeStorage.decryptStringAsync');
      return Promise.resolve({ result: open(encrypted), shouldReEncrypt: false });
    },
  } satisfies Partial<SafeStorage>;
}
