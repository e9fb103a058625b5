import type { PgpService } from '../pgp';
import type { SettingsService } from '../settings';
import type { VaultService } from '../vault';
import type { LiveSources } from './checklistService';

import { PANIC_DRILLS_COLLECTION } from '../panic';

/** The panic feature writes one record there per completed drill; the checklist only checks it is non-empty. */
export { PANIC_DRILLS_COLLECTION };

/** Live items read the same state the rest of the app uses, never a copy of it. */
export function liveSourcesFrom(ctx: {
  settings: Pick<SettingsService, 'get'>;
  vault: Pick<VaultService, 'hasRecoverySlot' | 'records'>;
  pgp: Pick<PgpService, 'listTeams'>;
}): LiveSources {
  return {
    autoLockMinutes: () => ctx.settings.get().autoLockMinutes,
    recoveryCodeCreated: () => ctx.vault.hasRecoverySlot(),
    async supportKeyVerified() {
      const teams = await ctx.pgp.listTeams();
      return teams.some((team) => team.verification === 'verified');
    },
    panicDrilled: async () => (await ctx.vault.records.list(PANIC_DRILLS_COLLECTION)).length > 0,
  };
}
