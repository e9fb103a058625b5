import { TikhoError } from '../../../../shared/errors';
import type { checklistUpdateChannels } from '../../../../shared/ipc/checklistUpdates';
import type { ChecklistUpdateService } from '../../checklist';
import { updateError } from '../../checklist';
import type { HandlersFor } from '../../ipc';
import type { Services } from '../services';

/**
 * Signed checklist updates. Every call needs the vault (declared UNLOCKED in
 * shared/ipc/checklistUpdates.ts): applied updates live only there, and the teams whose keys
 * check them too. The text is re-verified on apply, never taken from the preview: the renderer is
 * untrusted and may send another text the second time.
 */
export function createChecklistUpdateHandlers(
  ctx: Pick<Services, 'logger' | 'profile' | 'sessions'>,
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
      // The desk of this unlock signs with the team key; a desk profile always has one.
      const { desk } = await ctx.sessions.current();
      if (!desk) throw updateError('checklist/update-desk-only');
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
