import type { Logger } from '../log';
import type { PgpService } from '../pgp';
import type { SettingsService } from '../settings';
import type { VaultService } from '../vault';
import { createChecklistService, type ChecklistService } from './checklistService';
import { loadChecklistContent } from './contentLoader';
import { liveSourcesFrom } from './liveSources';
import { createChecklistUpdateService, type ChecklistUpdateService } from './updates/updateService';

export interface ChecklistServices {
  /** The checklist over the shipped content plus the signed updates applied in this unlock. */
  service: ChecklistService;
  updates: ChecklistUpdateService;
}

/**
 * The checklist's content is read and validated once per process; bad items are logged and
 * skipped by the loader. Applied updates are held only while unlocked: a lock drops them.
 */
export function createChecklistServices(options: {
  resourcesDir: string;
  logger: Logger;
  vault: Pick<VaultService, 'records' | 'onLock' | 'hasRecoverySlot'>;
  settings: Pick<SettingsService, 'get'>;
  pgp: PgpService;
}): Promise<ChecklistServices> {
  const { vault, logger, pgp } = options;
  return loadChecklistContent(options.resourcesDir, logger).then((content) => {
    if (content.problems.length > 0)
      logger.error('checklist: some content was skipped', { count: content.problems.length });
    const updates = createChecklistUpdateService({ shipped: content, records: vault.records, pgp });
    vault.onLock(() => updates.reset());
    const service = createChecklistService({
      content: () => updates.content(),
      records: vault.records,
      live: liveSourcesFrom({ settings: options.settings, vault, pgp }),
    });
    return { service, updates };
  });
}
