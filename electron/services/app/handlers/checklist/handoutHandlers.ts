import { existsSync } from 'node:fs';
import { TikhoError } from '../../../../../shared/errors';
import { practiceDirFor, seedPracticeProfile } from '../../../practice';
import { type ChecklistHandlerContext, type ChecklistHandlers } from './checklistContext';

type HandoutChannel =
  'checklist:capabilities' | 'checklist:printHandout' | 'checklist:resetPractice' | 'checklist:openPractice';

/** For trainers: what this host can do, the printed handout, and the practice profile. */
export function handoutHandlers({
  services: ctx,
}: ChecklistHandlerContext): Pick<ChecklistHandlers, HandoutChannel> {
  return {
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
