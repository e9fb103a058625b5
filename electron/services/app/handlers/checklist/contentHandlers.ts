import { disguiseStrings } from '../../../../../shared/disguise';
import type { ChecklistHandlerContext, ChecklistHandlers } from './checklistContext';

/** The public content: items, incidents and help contacts (no vault needed). */
export function contentHandlers({
  services,
  ready,
}: ChecklistHandlerContext): Pick<ChecklistHandlers, 'checklist:content' | 'checklist:helpContacts'> {
  return {
    // Content names the app ("open … in Tikho"): under a disguise it says the disguise name.
    'checklist:content': async ({ lang }) => {
      const service = await ready();
      const content = { items: service.items(lang), incidents: service.incidents(lang) };
      return {
        ...disguiseStrings(content, lang, services.settings.get().disguise),
        skipped: service.skippedCount(),
      };
    },
    'checklist:helpContacts': async ({ lang }) =>
      disguiseStrings((await ready()).helpContacts(lang), lang, services.settings.get().disguise),
  };
}
