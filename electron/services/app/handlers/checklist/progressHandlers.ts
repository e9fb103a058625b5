import { type ChecklistHandlerContext, type ChecklistHandlers } from './checklistContext';

type ProgressChannel =
  | 'checklist:progress'
  | 'checklist:setStatus'
  | 'checklist:wipeProgress'
  | 'checklist:getAnswers'
  | 'checklist:setAnswers'
  | 'checklist:liveStates';

/**
 * The person's progress, first-use answers and live item states. They live in the vault: every
 * channel here is declared UNLOCKED (shared/ipc/checklist.ts) and refused by the lock gate.
 */
export function progressHandlers({
  ready,
}: ChecklistHandlerContext): Pick<ChecklistHandlers, ProgressChannel> {
  return {
    'checklist:progress': async () => (await ready()).progress(),
    'checklist:setStatus': async ({ itemId, status }) => ({
      status: await (await ready()).setStatus(itemId, status),
    }),
    'checklist:wipeProgress': async ({ includeAnswers }) => {
      await (await ready()).wipeProgress({ includeAnswers });
      return {};
    },
    'checklist:getAnswers': async () => ({ answers: await (await ready()).getAnswers() }),
    'checklist:setAnswers': async (answers) => ({ answers: await (await ready()).setAnswers(answers) }),
    'checklist:liveStates': async () => (await ready()).liveStates(),
  };
}
