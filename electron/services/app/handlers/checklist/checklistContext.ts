import type { checklistChannels } from '../../../../../shared/ipc/checklist';
import type { ChecklistService, ChecklistUpdateService } from '../../../checklist';
import type { HandlersFor } from '../../../ipc';
import type { Services } from '../../services';

export type ChecklistHandlers = HandlersFor<typeof checklistChannels>;

export type ChecklistServices = Pick<
  Services,
  | 'checklist'
  | 'sessions'
  | 'vault'
  | 'settings'
  | 'ports'
  | 'profile'
  | 'dataDir'
  | 'passphrases'
  | 'systemLanguage'
  | 'logger'
>;

/** What every checklist handler group works with: the services and the loaded checklist. */
export interface ChecklistHandlerContext {
  services: ChecklistServices;
  /** The checklist service, with applied updates loaded first while unlocked. */
  ready: () => Promise<ChecklistService>;
  updates: () => Promise<ChecklistUpdateService>;
}

export function checklistContextOf(services: ChecklistServices): ChecklistHandlerContext {
  const loaded = services.checklist;
  return {
    services,
    ready: async () => {
      const { service, updates } = await loaded;
      // Not a lock gate: checklist:content is served at the lock screen too (shipped content
      // only), and applied updates live in the vault, so they join the content only while open.
      if (services.vault.isUnlocked()) await updates.load();
      return service;
    },
    updates: () => loaded.then(({ updates }) => updates),
  };
}
