import { TikhoError } from '../../../../shared/errors';
import type { vaultChannels } from '../../../../shared/ipc/vault';
import type { HandlersFor } from '../../ipc';
import type { GuardedUnlockResult } from '../../panic';
import type { Services } from '../services';

/** Vault lifecycle: create, unlock, lock, change passphrase. Notes have their own domain. */
export function createVaultHandlers(
  ctx: Pick<Services, 'vault' | 'passphrases' | 'panic' | 'emit' | 'lock'>,
): HandlersFor<typeof vaultChannels> {
  const { vault, passphrases, panic, lock } = ctx;
  /**
   * Unlocks go through the panic service (duress passphrase, failed-unlock limit). A duress unlock
   * into the decoy returns `{ ok: true }` like any unlock: the renderer cannot tell them apart.
   * After a wipe to a fresh app the lock screen answers "no notebook" and the window shows the
   * first run; the event covers a renderer that ignores the error.
   */
  const settle = (
    result: GuardedUnlockResult,
    wrong: 'vault/wrong-passphrase' | 'vault/wrong-recovery-code',
  ): Record<string, never> => {
    if (result.ok) return {};
    if (result.next === 'first-run') {
      ctx.emit('events:wiped', { screen: 'first-run' });
      throw new TikhoError('vault/not-found');
    }
    if (result.next === 'quit') ctx.emit('events:wiped', { screen: 'closed' });
    throw new TikhoError(wrong);
  };
  const requireStrong = async (passphrase: string): Promise<void> => {
    if ((await passphrases.check(passphrase)).verdict === 'refused')
      throw new TikhoError('vault/passphrase-too-weak');
  };
  return {
    'vault:status': async () => ({
      state: vault.needsNewPassphrase
        ? 'recovered'
        : vault.isUnlocked()
          ? 'unlocked'
          : (await vault.exists())
            ? 'locked'
            : 'none',
    }),
    // Off the main thread and latest wins: the meter asks on every pause in typing.
    'vault:checkPassphrase': ({ passphrase }) => passphrases.checkLatest(passphrase),
    'vault:suggestPassphrase': ({ language }) => ({ words: passphrases.suggest(language ?? 'en') }),
    'vault:create': async ({ passphrase, withRecoveryCode }) => {
      await requireStrong(passphrase);
      const created = await vault.create(passphrase, { withRecoveryCode });
      panic.prepareSpare();
      return created;
    },
    'vault:unlock': async ({ passphrase }) =>
      settle(await panic.unlockOrPanic(passphrase), 'vault/wrong-passphrase'),
    'vault:unlockWithRecovery': async ({ code }) =>
      settle(await panic.unlockWithRecoveryCodeOrPanic(code), 'vault/wrong-recovery-code'),
    'vault:setPassphraseAfterRecovery': async ({ next }) => {
      await requireStrong(next);
      return vault.setPassphraseAfterRecovery(next);
    },
    'vault:createRecoveryCode': async ({ current }) => vault.createRecoveryCode(current),
    'vault:lock': async () => {
      await lock.lock('manual');
      return {};
    },
    'vault:changePassphrase': async ({ current, next }) => {
      await requireStrong(next);
      return vault.changePassphrase(current, next, (p) => ctx.emit('events:rotationProgress', p));
    },
    'vault:info': async () => ({ recoveryCodeCreated: await vault.hasRecoverySlot() }),
    'vault:indexNotice': () => ({ notice: vault.indexNotice() }),
    'vault:acknowledgeIndexNotice': async () => {
      await vault.acknowledgeIndexNotice();
      return {};
    },
  };
}
