import { TikhoError } from '../../../../shared/errors';
import type { vaultChannels } from '../../../../shared/ipc/vault';
import type { HandlersFor } from '../../ipc/handlerTypes';
import type { LockController } from '../../lock/lockController';
import type { AppContext } from '../appContext';

/** Vault lifecycle: create, unlock, lock, change passphrase. Notes have their own domain. */
export function createVaultHandlers(
  ctx: AppContext,
  lock: LockController,
): HandlersFor<typeof vaultChannels> {
  const { vault, passphrases } = ctx;
  const requireStrong = (passphrase: string): void => {
    if (passphrases.check(passphrase).verdict === 'refused')
      throw new TikhoError('vault/passphrase-too-weak');
  };
  return {
    'vault:status': async () => ({
      state: vault.isUnlocked() ? 'unlocked' : (await vault.exists()) ? 'locked' : 'none',
    }),
    'vault:checkPassphrase': ({ passphrase }) => passphrases.check(passphrase),
    'vault:suggestPassphrase': () => ({ words: passphrases.suggest() }),
    'vault:create': async ({ passphrase, withRecoveryCode }) => {
      requireStrong(passphrase);
      return vault.create(passphrase, { withRecoveryCode });
    },
    'vault:unlock': async ({ passphrase }) => {
      const result = await vault.unlock(passphrase);
      if (!result.ok) throw new TikhoError('vault/wrong-passphrase');
      return {};
    },
    'vault:unlockWithRecovery': async ({ words }) => {
      const result = await vault.unlockWithRecoveryWords(words);
      if (!result.ok) throw new TikhoError('vault/wrong-recovery-code');
      return {};
    },
    'vault:lock': async () => {
      await lock.lock('manual');
      return {};
    },
    'vault:changePassphrase': async ({ current, next }) => {
      requireStrong(next);
      await vault.changePassphrase(current, next);
      return {};
    },
    'vault:info': async () => ({ recoveryCodeCreated: await vault.hasRecoverySlot() }),
  };
}
