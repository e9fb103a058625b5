import { TikhoError } from '../../../../shared/errors';
import type { checklistUpdateChannels } from '../../../../shared/ipc/checklistUpdates';
import type { ChecklistUpdateService } from '../../checklist';
import { updateError } from '../../checklist';
import { createDeskService } from '../../desk';
import type { HandlersFor } from '../../ipc';
import type { AppContext } from '../appContext';

/**
 * Signed checklist updates. Every channel is declared UNLOCKED (shared/ipc/checklistUpdates.ts):
 * applied updates live only in the vault, and the teams whose keys check them too. The text is re-verified on apply, never taken from the
 * preview: the renderer is untrusted and may send another text the second time.
 */
export function createChecklistUpdateHandlers(
  ctx: AppContext,
  updates: () => Promise<ChecklistUpdateService>,
): HandlersFor<typeof checklistUpdateChannels> {
  const loaded = async (): Promise<ChecklistUpdateService> => {
    const service = await updates();
    await service.load();
    return service;
  };

  return {
    'checklist:previewUpdate': async ({ text, lang }) => ({
      preview: await (await loaded()).preview(text, lang),
    }),
    'checklist:applyUpdate': async ({ text, lang }) => {
      const applied = await (await loaded()).apply(text, lang);
      ctx.logger.info('checklist: update applied');
      return { applied };
    },
    'checklist:listUpdates': async () => ({ updates: await (await loaded()).list() }),
    'checklist:removeUpdate': async ({ teamId, lang }) => ({
      changes: await (await loaded()).remove(teamId, lang),
    }),
    'checklist:makeUpdate': async ({ draft }) => {
      if (ctx.profile !== 'desk') throw updateError('checklist/update-desk-only');
      const service = await loaded();
      // Only the team key is needed here; the card and its pre-key bundle are not.
      const desk = createDeskService({
        records: ctx.vault.records,
        exportBundle: () => Promise.reject(new TikhoError('desk/no-card')),
      });
      return service.make(draft, {
        team: async () => {
          const details = (await desk.status()).details;
          if (!details) throw new TikhoError('desk/not-set-up');
          return { teamId: details.teamId, teamName: details.teamName };
        },
        sign: (text) => desk.signText(text),
      });
    },
  };
}
