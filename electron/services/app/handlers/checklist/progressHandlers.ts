import { requireUnlocked, type ChecklistHandlerContext, type ChecklistHandlers } from './checklistContext';

type ProgressChannel =
  | 'checklist:progress'
  | 'checklist:setStatus'
  | 'checklist:wipeProgress'
  | 'checklist:getAnswers'
  | 'checklist:setAnswers'
  | 'checklist:liveStates';

/** The person's progress, first-use answers and live item states (vault only). */
export function progressHandlers({
  services,
  ready,
}: ChecklistHandlerContext): Pick<ChecklistHandlers, ProgressChannel> {
  return {
    'checklist:progress': async () => {
      requireUnlocked(services);
      return (await ready()).progress();
    },
    'checklist:setStatus': async ({ itemId, status }) => {
      requireUnlocked(services);
      return { status: await (await ready()).setStatus(itemId, status) };
    },
    'checklist:wipeProgress': async ({ includeAnswers }) => {
      requireUnlocked(services);
      await (await ready()).wipeProgress({ includeAnswers });
      return {};
    },
    'checklist:getAnswers': async () => {
      requireUnlocked(services);
      return { answers: await (await ready()).getAnswers() };
    },
    'checklist:setAnswers': async (answers) => {
      requireUnlocked(services);
      return { answers: await (await ready()).setAnswers(answers) };
    },
    'checklist:liveStates': async () => {
      requireUnlocked(services);
      return (await ready()).liveStates();
    },
  };
}
