import { join } from 'node:path';
import { isTikhoError } from '../../../shared/errors';
import type { WarnLogger } from '../log';
import { toUnlockSeconds } from './deadMan';
import {
  createMirrorSecretSource,
  MIRROR_KEY_FILE,
  type MirrorKeystorePort,
  type MirrorProtection,
} from './mirrorSecret';
import { readConfig, type PanicConfig } from './panicConfig';
import type { PanicVault } from './panicServiceTypes';
import type { EndState } from './panicTypes';
import { HEADER_FILE, LEGACY_HEADER_FILE, VAULT_DIR } from './planNames';
import { GUARD_FILE, loadGuard, readHeaderPrefix, storeGuard, type GuardState } from './unlockGuard';
import { type FileSystem } from '../common';

/**
 * What the lock screen must know while the vault is locked (failed-unlock limit and count, end
 * state, dead-man days), in `state.bin`: sealed under the header's bytes and the OS keystore's
 * secret (docs/panic.md §Lock-screen mirror). The encrypted panic config is the truth; this is
 * its mirror, rewritten at every real unlock.
 */
export interface LockScreenMirror {
  readonly protection: MirrorProtection;
  /** The bytes the mirror is keyed by, or null when there is no header. */
  headerPrefix(): Promise<Buffer | null>;
  load(): Promise<{ prefix: Buffer | null; guard: GuardState }>;
  save(prefix: Buffer | null, guard: GuardState): Promise<void>;
  /** What the lock screen needs of the config, stamped now: only called while really unlocked. */
  of(config: PanicConfig): GuardState;
  /** The end state a trigger runs to: the last one seen unlocked, else the mirror's. */
  resolveEndState(): Promise<EndState>;
  /** Last end state seen while unlocked: lets a locked-screen shortcut skip reading the mirror. */
  cachedEndState: EndState | null;
}

export interface MirrorOptions {
  fs: FileSystem;
  dataDir: string;
  vault: PanicVault;
  wallClock: () => number;
  keystore: MirrorKeystorePort | undefined;
  logger: WarnLogger | undefined;
}

export function createLockScreenMirror(o: MirrorOptions): LockScreenMirror {
  const { fs, vault, logger } = o;
  const vaultDir = join(o.dataDir, VAULT_DIR);
  const guardPath = join(o.dataDir, GUARD_FILE);
  const secrets = createMirrorSecretSource({
    fs,
    path: join(o.dataDir, MIRROR_KEY_FILE),
    keystore: o.keystore,
    logger,
  });
  /** A re-seal after a header write (below); a read of the mirror waits for it. */
  let resealing: Promise<void> = Promise.resolve();

  const mirror: LockScreenMirror = {
    protection: secrets.protection,
    cachedEndState: null,

    /** The format-2 header's bytes, or a format-1 header's until the first unlock converts it. */
    async headerPrefix() {
      for (const name of [HEADER_FILE, LEGACY_HEADER_FILE]) {
        const prefix = await readHeaderPrefix(fs, join(vaultDir, name)).catch(() => null);
        if (prefix) return prefix;
      }
      return null;
    },

    async load() {
      await resealing;
      const prefix = await mirror.headerPrefix();
      const secret = prefix ? await secrets.forOpen() : 'none';
      const guard = await loadGuard(fs, guardPath, prefix, secret);
      if (Buffer.isBuffer(secret)) secret.fill(0);
      return { prefix, guard };
    },

    async save(prefix, guard) {
      if (!prefix) return;
      let secret: Buffer | null = null;
      try {
        secret = await secrets.forSeal();
        await storeGuard(fs, guardPath, prefix, guard, secret);
      } catch (err) {
        logger?.warn('panic: could not write the unlock state', {
          code: isTikhoError(err) ? err.code : 'io',
        });
      } finally {
        secret?.fill(0);
      }
    },

    of(config) {
      return {
        failedUnlockLimit: config.failedUnlockLimit,
        endState: config.endState,
        failedCount: 0,
        deadManDays: config.deadManDays,
        lastUnlockAt: toUnlockSeconds(o.wallClock()),
      };
    },

    async resolveEndState() {
      if (mirror.cachedEndState) return mirror.cachedEndState;
      return (await mirror.load()).guard.endState;
    },
  };

  // Every header write changes the bytes the mirror is keyed by (format 2 re-randomises the whole
  // header): re-seal it from the real config at once, or the failed-unlock limit would read as
  // "off" until the next unlock.
  vault.onHeaderChange(() => {
    if (!vault.isUnlocked()) return;
    resealing = resealing.then(async () => {
      const config = await readConfig(vault.records).catch(() => null);
      if (!config) return;
      await mirror.save(await mirror.headerPrefix(), mirror.of(config));
    });
  });
  return mirror;
}
