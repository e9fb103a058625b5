import { existsSync } from 'node:fs';
import { disguiseStrings } from '../../../../shared/disguise';
import { TikhoError } from '../../../../shared/errors';
import type { checklistChannels } from '../../../../shared/ipc/checklist';
import type { checklistUpdateChannels } from '../../../../shared/ipc/checklistUpdates';
import { createChecklistService, type ChecklistService } from '../../checklist';
import { loadChecklistContent } from '../../checklist';
import { liveSourcesFrom } from '../../checklist';
import { createChecklistUpdateService, type ChecklistUpdateService } from '../../checklist';
import { createPgpService } from '../../pgp';
import type { HandlersFor } from '../../ipc';
import type { LockController } from '../../lock';
import { practiceDirFor, seedPracticeProfile } from '../../practice';
import type { AppContext } from '../appContext';
import { createChecklistUpdateHandlers } from './checklistUpdateHandlers';

/**
 * Checklist channels. Content needs no vault; progress, answers and live states do, and the
 * contract declares them UNLOCKED (shared/ipc/checklist.ts).
 */
export function createChecklistHandlers(
  ctx: AppContext,
  _lock: LockController,
): HandlersFor<typeof checklistChannels & typeof checklistUpdateChannels> {
  // Loaded and validated once at start; bad items are logged and skipped inside the loader.
  const loaded = loadChecklistContent(ctx.resourcesDir, ctx.logger).then((content) => {
    if (content.problems.length > 0)
      ctx.logger.error('checklist: some content was skipped', { count: content.problems.length });
    const updates = createChecklistUpdateService({
      shipped: content,
      records: ctx.vault.records,
      pgp: createPgpService({ records: ctx.vault.records, logger: ctx.logger }),
    });
    // Applied updates are shown only while unlocked; a lock drops them from memory.
    ctx.vault.onLock(() => updates.reset());
    const service = createChecklistService({
      content: () => updates.content(),
      records: ctx.vault.records,
      live: liveSourcesFrom(ctx),
    });
    return { service, updates };
  });
  const ready = async (): Promise<ChecklistService> => {
    const { service, updates } = await loaded;
    if (ctx.vault.isUnlocked()) await updates.load();
    return service;
  };
  const readyUpdates = (): Promise<ChecklistUpdateService> => loaded.then(({ updates }) => updates);

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
      return (await ready()).progress();
    },
    'checklist:setStatus': async ({ itemId, status }) => {
      return { status: await (await ready()).setStatus(itemId, status) };
    },
    'checklist:wipeProgress': async ({ includeAnswers }) => {
      await (await ready()).wipeProgress({ includeAnswers });
      return {};
    },
    'checklist:getAnswers': async () => {
      return { answers: await (await ready()).getAnswers() };
    },
    'checklist:setAnswers': async (answers) => {
      return { answers: await (await ready()).setAnswers(answers) };
    },
    'checklist:liveStates': async () => {
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
      const dir = practiceDirFor(ctx.profile, ctx.dataDir);
      if (dir === null) throw new TikhoError('checklist/practice-in-use');
      // Shown to the trainer once; it only guards sample data, so a memorable suggestion is right.
      const passphrase = ctx.passphrases.suggest(4).join(' ');
      await seedPracticeProfile({
        dir,
        passphrase,
        language: ctx.settings.get().language ?? ctx.systemLanguage,
      });
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
