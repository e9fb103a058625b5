import { existsSync } from 'node:fs';
import { disguiseStrings } from '../../../../shared/disguise';
import { TikhoError } from '../../../../shared/errors';
import type { checklistChannels } from '../../../../shared/ipc/checklist';
import type { checklistUpdateChannels } from '../../../../shared/ipc/checklistUpdates';
import type { ChecklistService } from '../../checklist';
import type { ChecklistUpdateService } from '../../checklist';
import type { HandlersFor } from '../../ipc';
import { practiceDirFor, seedPracticeProfile } from '../../practice';
import type { Services } from '../services';
import { createChecklistUpdateHandlers } from './checklistUpdateHandlers';

/**
 * Checklist channels. Content needs no vault; progress, answers and live states do (the records
 * store rejects with vault/locked while locked, and that code crosses as is).
 */
export function createChecklistHandlers(
  ctx: Pick<
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
  >,
): HandlersFor<typeof checklistChannels & typeof checklistUpdateChannels> {
  const loaded = ctx.checklist;
  const ready = async (): Promise<ChecklistService> => {
    const { service, updates } = await loaded;
    if (ctx.vault.isUnlocked()) await updates.load();
    return service;
  };
  const readyUpdates = (): Promise<ChecklistUpdateService> => loaded.then(({ updates }) => updates);
  const requireUnlocked = (): void => {
    if (!ctx.vault.isUnlocked()) throw new TikhoError('vault/locked');
  };

  return {
    ...createChecklistUpdateHandlers(ctx, readyUpdates),
    // Content names the app ("open … in Tikho"): under a disguise it says the disguise name.
    'checklist:content': async ({ lang }) => {
      const service = await ready();
      const content = { items: service.items(lang), incidents: service.incidents(lang) };
      return {
        ...disguiseStrings(content, lang, ctx.settings.get().disguise),
        skipped: service.skippedCount(),
      };
    },
    'checklist:helpContacts': async ({ lang }) =>
      disguiseStrings((await ready()).helpContacts(lang), lang, ctx.settings.get().disguise),
    'checklist:progress': async () => {
      requireUnlocked();
      return (await ready()).progress();
    },
    'checklist:setStatus': async ({ itemId, status }) => {
      requireUnlocked();
      return { status: await (await ready()).setStatus(itemId, status) };
    },
    'checklist:wipeProgress': async ({ includeAnswers }) => {
      requireUnlocked();
      await (await ready()).wipeProgress({ includeAnswers });
      return {};
    },
    'checklist:getAnswers': async () => {
      requireUnlocked();
      return { answers: await (await ready()).getAnswers() };
    },
    'checklist:setAnswers': async (answers) => {
      requireUnlocked();
      return { answers: await (await ready()).setAnswers(answers) };
    },
    'checklist:liveStates': async () => {
      requireUnlocked();
      return (await ready()).liveStates();
    },
    'checklist:capabilities': () => ({
      printToPdf: ctx.ports.printToPdf !== undefined,
      openPractice: ctx.ports.openProfile !== undefined && ctx.profile !== 'practice',
      profile: ctx.profile,
    }),
    'checklist:printHandout': async ({ defaultName }) => {
      if (!ctx.ports.printToPdf) throw new TikhoError('checklist/print-unavailable');
      return { saved: (await ctx.ports.printToPdf(defaultName)) !== null };
    },
    'checklist:resetPractice': async () => {
      requireUnlocked();
      const dir = practiceDirFor(ctx.profile, ctx.dataDir);
      if (dir === null) throw new TikhoError('checklist/practice-in-use');
      // Shown to the trainer once; it only guards sample data, so a memorable suggestion is right.
      const language = ctx.settings.get().language ?? ctx.systemLanguage;
      const passphrase = ctx.passphrases.suggest(language, 4).join(' ');
      await seedPracticeProfile({ dir, passphrase, language });
      ctx.logger.info('checklist: practice profile reset');
      return { passphrase, folder: dir };
    },
    'checklist:openPractice': async () => {
      if (!ctx.ports.openProfile || ctx.profile === 'practice')
        throw new TikhoError('checklist/practice-unavailable');
      const dir = practiceDirFor(ctx.profile, ctx.dataDir);
      if (dir === null || !existsSync(dir)) throw new TikhoError('checklist/practice-missing');
      await ctx.ports.openProfile('practice');
      return {};
    },
  };
}
