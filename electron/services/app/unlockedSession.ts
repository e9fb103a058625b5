import path from 'node:path';
import type { ChannelRole } from '../../../shared/channel/channelTypes';
import { TikhoError } from '../../../shared/errors';
import { createDeskService, type DeskService } from '../desk';
import type { Logger } from '../log';
import type { PgpService } from '../pgp';
import { createChannelService, inPlaceEpochKeyFile, type ChannelService } from '../signal';
import type { VaultService } from '../vault';
import type { AppProfile } from './hostPorts';

/** Desk pre-keys are checked (and the card re-issued after a rotation) this often while unlocked. */
export const DESK_MAINTENANCE_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** In the vault folder, so the panic wipe's removal of that folder takes it too. */
export const CHANNEL_EPOCH_FILE = 'channel.epoch';

export const VAULT_DIR_NAME = 'vault';

export function channelRoleOf(profile: AppProfile): ChannelRole {
  return profile === 'desk' ? 'desk' : 'user';
}

/** What exists only between an unlock and the next lock; `dispose` ends it (timers included). */
export interface UnlockedSession {
  readonly channel: ChannelService;
  readonly desk: DeskService | null;
  readonly pgp: PgpService;
  dispose(): void;
}

export interface UnlockedSessions {
  /** The session of the current unlock, started on first use; rejects `vault/locked` when locked. */
  current(): Promise<UnlockedSession>;
}

export interface UnlockedSessionOptions {
  vault: Pick<VaultService, 'isUnlocked' | 'onLock' | 'records'>;
  pgp: PgpService;
  profile: AppProfile;
  dataDir: string;
  logger: Logger;
}

/**
 * One channel service per unlock: it caches nothing secret, but purges expired history on its
 * first call, which is what "on unlock" means. A lock disposes the session with its maintenance
 * timer, and a start-up that a lock overtook installs nothing.
 */
export function createUnlockedSessions(options: UnlockedSessionOptions): UnlockedSessions {
  const { vault, logger } = options;
  const role = channelRoleOf(options.profile);
  let unlocked: UnlockedSession | null = null;
  let starting: Promise<UnlockedSession> | null = null;
  /** Counts locks, so a start-up that a lock overtook is recognised by every call awaiting it. */
  let locks = 0;

  vault.onLock(() => {
    locks++;
    unlocked?.dispose();
    unlocked = null;
    starting = null;
  });

  const start = async (): Promise<UnlockedSession> => {
    const records = vault.records;
    const channel = createChannelService({
      records,
      role,
      logger,
      epochKeyFile: inPlaceEpochKeyFile(path.join(options.dataDir, VAULT_DIR_NAME, CHANNEL_EPOCH_FILE)),
    });
    const desk =
      role === 'desk' ? createDeskService({ records, exportBundle: () => channel.exportBundle() }) : null;
    const parts = { channel, desk, pgp: options.pgp };
    const timer = setInterval(() => {
      maintain(parts, logger).catch((error: unknown) =>
        logger.warn('channel: maintenance failed', {
          code: error instanceof TikhoError ? error.code : 'unexpected',
        }),
      );
    }, DESK_MAINTENANCE_INTERVAL_MS);
    timer.unref?.();
    const session: UnlockedSession = { ...parts, dispose: () => clearInterval(timer) };
    try {
      await maintain(parts, logger);
    } catch (error) {
      session.dispose();
      throw error;
    }
    return session;
  };

  return {
    async current() {
      if (!vault.isUnlocked()) throw new TikhoError('vault/locked');
      if (unlocked) return unlocked;
      const locksBefore = locks;
      starting ??= start();
      const pending = starting;
      try {
        const ready = await pending;
        // Several calls may await the same start-up; each checks the lock count, not whether
        // `starting` is still set, which the first of them to resume clears.
        if (locks !== locksBefore || !vault.isUnlocked()) {
          ready.dispose();
          throw new TikhoError('vault/locked');
        }
        unlocked = ready;
        return ready;
      } finally {
        if (starting === pending) starting = null;
      }
    },
  };
}

async function maintain(session: Pick<UnlockedSession, 'channel' | 'desk'>, logger: Logger): Promise<void> {
  await session.channel.purgeExpired();
  if (!session.desk) return;
  // refreshCard asks for the bundle, which rotates first if due; without a published card the
  // rotation still has to happen so retired secrets are pruned on time.
  const { reissued } = await session.desk.refreshCard();
  if (!reissued) await session.channel.rotatePreKeysIfDue();
  if (reissued) logger.info('desk: contact card re-issued after pre-key rotation');
}
