import { createPgpService } from '../pgp';
import type { SettingsService } from '../settings';
import type { VaultService } from '../vault';
import type { LiveSources } from './checklistService';

import { RECORD_COLLECTIONS } from '../vault';

/** Live items read the same state the rest of the app uses, never a copy of it. */
export function liveSourcesFrom(ctx: {
  settings: Pick<SettingsService, 'get'>;
  vault: Pick<VaultService, 'hasRecoverySlot' | 'records'>;
}): LiveSources {
  return {
    autoLockMinutes: () => ctx.settings.get().autoLockMinutes,
    recoveryCodeCreated: () => ctx.vault.hasRecoverySlot(),
    async supportKeyVerified() {
      // The PGP service is stateless over the records, so a private instance sees the same teams.
      const teams = await createPgpService({ records: ctx.vault.records }).listTeams();
      return teams.some((team) => team.verification === 'verified');
    },
    panicDrilled: async () => (await ctx.vault.records.list(RECORD_COLLECTIONS.panic.drills)).length > 0,
  };
}
