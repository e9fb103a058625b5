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
 * Checklist channels. Content needs no vault; progress, answers and live states do (the records
 * store rejects with vault/locked while locked, and that code crosses as is).
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
