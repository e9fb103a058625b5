import type { panicPracticeChannels } from '../../../../shared/ipc/panicPractice';
import type { HandlersFor } from '../../ipc';
import { panicError } from '../../panic';
import { PRACTICE_SHORTCUT_WINDOW_MS } from '../../panic';
import type { Services } from '../services';

/**
 * Practising the real triggers. Each call works on its own disposable copy; all of them are
 * declared UNLOCKED_PANIC (shared/ipc/panicPractice.ts), so the lock screen cannot reach them.
 */
export function createPracticeHandlers(
  ctx: Pick<Services, 'practice' | 'settings' | 'host'>,
): HandlersFor<typeof panicPracticeChannels> {
  const { practice } = ctx;
  return {
    'panic:practiceButton': () => practice.run('button'),
    'panic:practiceUnlock': ({ passphrase }) => practice.unlock(passphrase),
    'panic:practiceShortcut': ({ armed }) => {
      if (!armed) {
        practice.disarmShortcut();
        return { armedForSeconds: 0 };
      }
      // Nothing to practise while it is off: the screen offers to turn it on first.
      if (ctx.settings.get().panicShortcut === null) throw panicError('panic/shortcut-off');
      practice.armShortcut();
      return { armedForSeconds: Math.round(PRACTICE_SHORTCUT_WINDOW_MS / 1000) };
    },
    'panic:practiceKeysSeen': ({ accelerator }) => {
      // In the desktop app the OS hands the real press to main (electron/main/index.ts); keys the
      // page saw there mean the OS did not take them, and must not pass for a working shortcut.
      const wanted = ctx.settings.get().panicShortcut;
      if (ctx.host !== 'harness' || wanted === null || accelerator !== wanted) return { accepted: false };
      return { accepted: practice.takeShortcut() };
    },
  };
}
