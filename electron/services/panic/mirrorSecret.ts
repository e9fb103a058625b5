import { randomBytes } from 'node:crypto';
import { createSerialQueue } from '../common';
import type { WarnLogger } from '../log';
import { readIfExists, type FileSystem } from '../common';
import { writeDurably } from './durableFile';

/**
 * The second half of the lock-screen mirror's key: 32 random bytes kept in
 * `<dataDir>/state.key`, sealed by the OS keystore (macOS Keychain, Windows DPAPI, the Linux
 * Secret Service or KWallet, through Electron's safeStorage in electron/main/mirrorKeystore.ts).
 * The header bytes alone are public, so without this secret anyone who knows the format reads the
 * end state (`decoy`) from a copy of the disk. The keystore's own key lives outside the data folder
 * (a keyring entry, a DPAPI master key), so a wipe cannot delete it — docs/panic.md says so.
 */
export const MIRROR_KEY_FILE = 'state.key';
const SECRET_BYTES = 32;

/** `none`: no keystore, or one that protects nothing (Linux basic_text): header bytes only. */
export type MirrorProtection = 'os-keystore' | 'none';

/** What main's host gives the panic service (no electron import here: the Electron layer implements it). */
export interface MirrorKeystorePort {
  readonly protection: MirrorProtection;
  seal(secret: Buffer): Promise<Buffer>;
  /** Rejects when the keystore cannot open it. `stale`: the keystore rotated its key; seal again. */
  open(sealed: Buffer): Promise<{ secret: Buffer; stale: boolean }>;
}

/**
 * The secret to open the mirror with: the bytes, `none` (no keystore, or no state.key yet — a
 * mirror written before the keystore was used still opens under the header bytes alone), or
 * `lost` (a state.key the keystore cannot open: reset keystore, folder from another account).
 */
export type MirrorSecret = Buffer | 'none' | 'lost';

export interface MirrorSecretSource {
  readonly protection: MirrorProtection;
  forOpen(): Promise<MirrorSecret>;
  /** The secret to seal with, made (and stored) when there is none or it was lost; null without a keystore. */
  forSeal(): Promise<Buffer | null>;
}

const HEADER_ONLY: MirrorSecretSource = {
  protection: 'none',
  forOpen: () => Promise.resolve('none'),
  forSeal: () => Promise.resolve(null),
};

export function createMirrorSecretSource(options: {
  fs: FileSystem;
  path: string;
  keystore: MirrorKeystorePort | undefined;
  logger?: WarnLogger | undefined;
}): MirrorSecretSource {
  const { fs, path, logger } = options;
  const keystore = options.keystore;
  if (!keystore || keystore.protection === 'none') return HEADER_ONLY;
  const store: MirrorKeystorePort = keystore;
  // One at a time: two first seals racing would each store a different secret.
  const serial = createSerialQueue().run;

  async function read(): Promise<MirrorSecret> {
    let sealed: Buffer | null;
    try {
      sealed = await readIfExists(fs, path);
    } catch {
      return 'lost';
    }
    if (!sealed) return 'none';
    let opened: { secret: Buffer; stale: boolean };
    try {
      opened = await store.open(sealed);
    } catch {
      logger?.warn('panic: the OS keystore could not open the lock-screen key; the mirror is reset');
      return 'lost';
    }
    if (opened.secret.length !== SECRET_BYTES) {
      opened.secret.fill(0);
      return 'lost';
    }
    if (opened.stale) await writeDurably(fs, path, await store.seal(opened.secret)).catch(() => undefined);
    return opened.secret;
  }

  return {
    protection: 'os-keystore',
    forOpen: () => serial(read),
    forSeal: () =>
      serial(async () => {
        const current = await read();
        if (Buffer.isBuffer(current)) return current;
        const secret = randomBytes(SECRET_BYTES);
        await writeDurably(fs, path, await store.seal(secret));
        return secret;
      }),
  };
}
