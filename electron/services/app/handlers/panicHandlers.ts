import { TikhoError } from '../../../../shared/errors';
import type { panicChannels } from '../../../../shared/ipc/panic';
import type { HandlersFor } from '../../ipc';
import { duressTooClose } from '../../panic';
import type { PanicReport } from '../../panic';
import type { Services } from '../services';

import { writeDrillRecord } from '../../panic';
import { PANIC_DRILLS_COLLECTION } from '../../panic';

export { PANIC_DRILLS_COLLECTION };

export type { PanicDrillRecord } from '../../panic';

/**
 * The panic domain. The wipe lives in the panic service; these handlers only adapt it.
 * Every channel here is declared UNLOCKED_PANIC (shared/ipc/panic.ts) and refused by the lock gate
 * while locked, so a renderer at the lock screen can neither wipe nor learn whether a limit or a
 * duress slot exists; the lock screen's unlock lives in vaultHandlers.
 */
export function createPanicHandlers(
  ctx: Pick<Services, 'panic' | 'vault' | 'settings' | 'ports' | 'passphrases'>,
  now: () => number = Date.now,
): HandlersFor<typeof panicChannels> {
  const { panic, vault } = ctx;
  const recordDrill = (report: PanicReport): Promise<void> =>
    writeDrillRecord(vault.records, report, ctx.settings.get().panicShortcut, now());

  return {
    'panic:config': () => panic.getConfig(),
    'panic:setEndState': async ({ endState }) => {
      await panic.setEndState(endState);
      return {};
    },
    'panic:setFailedUnlockLimit': async ({ limit }) => {
      await panic.setFailedUnlockLimit(limit);
      return {};
    },
    'panic:setDeadMan': async ({ days }) => {
      await panic.setDeadMan(days);
      return {};
    },
    'panic:setUpDuress': async ({ currentPassphrase, duressPassphrase, decoyNotes }) => {
      // Same strength policy as the real passphrase: the duress one also guards the decoy, and a
      // weak one is guessed offline from a disk image, which tells an examiner a decoy exists.
      // A near-typo of the real one gets its own, clearer refusal from setUpDuress first.
      const tooClose = duressTooClose(currentPassphrase, duressPassphrase) !== null;
      if (
        !tooClose &&
        (await ctx.passphrases.check(duressPassphrase, [currentPassphrase])).verdict === 'refused'
      )
        throw new TikhoError('vault/passphrase-too-weak');
      await panic.setUpDuress({
        currentPassphrase,
        duressPassphrase,
        ...(decoyNotes ? { decoyNotes } : {}),
      });
      return {};
    },
    'panic:removeDuress': async () => {
      await panic.removeDuress();
      return {};
    },
    'panic:remainingAttempts': async () => {
      return { remaining: await panic.remainingUnlockAttempts() };
    },
    'panic:trigger': async () => {
      // The end state reaches the renderer as events:wiped (ports.showEndState / quit).
      await panic.trigger('button');
      return {};
    },
    'panic:shortcutStatus': () => {
      const wanted = ctx.settings.get().panicShortcut;
      if (wanted === null) return { status: 'off' as const };
      // The port answers for the last registration; one for another combination says nothing yet.
      const state = ctx.ports.panicShortcut?.state() ?? null;
      if (!state || state.accelerator !== wanted) return { status: 'unknown' as const };
      return { status: state.registered ? ('registered' as const) : ('refused' as const) };
    },
    'panic:drill': async () => {
      const report = await panic.drill();
      // The vault may have locked while the drill ran (idle timer): the report still counts.
      if (vault.isUnlocked()) await recordDrill(report);
      return report;
    },
  };
}
