import type { checklistUpdateChannels } from '../../../../shared/ipc/checklistUpdates';
import type { HandlersFor } from '../../ipc';
import {
  checklistContextOf,
  type ChecklistHandlers,
  type ChecklistServices,
} from './checklist/checklistContext';
import { contentHandlers } from './checklist/contentHandlers';
import { handoutHandlers } from './checklist/handoutHandlers';
import { progressHandlers } from './checklist/progressHandlers';
import { createChecklistUpdateHandlers } from './checklistUpdateHandlers';

/**
 * Checklist channels. Content needs no vault; progress, answers, live states and updates do, and
 * are declared UNLOCKED in shared/ipc so the lock gate refuses them with vault/locked.
 */
export function createChecklistHandlers(
  services: ChecklistServices,
): ChecklistHandlers & HandlersFor<typeof checklistUpdateChannels> {
  const ctx = checklistContextOf(services);
  return {
    ...createChecklistUpdateHandlers(services, ctx.updates),
    ...contentHandlers(ctx),
    ...progressHandlers(ctx),
    ...handoutHandlers(ctx),
  };
}
