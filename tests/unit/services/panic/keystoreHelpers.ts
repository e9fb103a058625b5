import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MirrorKeystorePort } from '../../../../electron/services/panic';
import { HEADER_FILE } from '../../../../electron/services/panic/planNames';

/**
 * An OS keystore as the panic service sees one: AES-256-GCM under a key that lives outside the
 * data folder (here: in this object), like the Keychain's, DPAPI's or the Secret Service's. Two
 * calls give two different keystores: the person's computer and the examiner's.
 */
export function osKeystore(): MirrorKeystorePort & { calls: string[] } {
  const key = randomBytes(32);
  const calls: string[] = [];
  return {
    protection: 'os-keystore',
    calls,
    seal(secret) {
      calls.push('seal');
      const nonce = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, nonce);
      const body = Buffer.concat([c.update(secret), c.final()]);
      return Promise.resolve(Buffer.concat([nonce, body, c.getAuthTag()]));
    },
    open(sealed) {
      calls.push('open');
      try {
        const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
        d.setAuthTag(sealed.subarray(sealed.length - 16));
        const secret = Buffer.concat([d.update(sealed.subarray(12, sealed.length - 16)), d.final()]);
        return Promise.resolve({ secret, stale: false });
      } catch (err) {
        return Promise.reject(err instanceof Error ? err : new Error('keystore: cannot decrypt'));
      }
    },
  };
}

/** What a format-knower derives the mirror's key from: the header's first 64 bytes. */
export async function headerPrefixOf(dataDir: string): Promise<Buffer> {
  return (await readFile(join(dataDir, 'vault', HEADER_FILE))).subarray(0, 64);
}

/** An image of the data folder, as taken at a border. */
export async function copyDataDir(from: string, to: string): Promise<void> {
  await cp(from, to, { recursive: true });
}
