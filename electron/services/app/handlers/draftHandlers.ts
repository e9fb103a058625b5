import type { draftChannels } from '../../../../shared/ipc/drafts';
import type { presentationChannels } from '../../../../shared/ipc/presentation';
import type { HandlersFor } from '../../ipc';
import type { Services } from '../services';

/** Drafts kept across a lock, and the idle-lock hold of the trainer's presentation. */
export function createDraftHandlers(
  ctx: Pick<Services, 'vault' | 'drafts'> & { autoLock: Pick<Services['autoLock'], 'holdIdle'> },
): HandlersFor<typeof draftChannels & typeof presentationChannels> {
  const { drafts, autoLock } = ctx;
  return {
    'drafts:load': async () => ({ drafts: await drafts.load() }),
    'drafts:save': async (request) => {
      await drafts.save(request);
      return {};
    },
    'drafts:discard': async ({ kind }) => {
      await drafts.discard(kind);
      return {};
    },
    'presentation:hold': ({ active }) => {
      // Only an open notebook has anything to hold the lock for; a locked one stays as it is.
      autoLock.holdIdle(active && ctx.vault.isUnlocked());
      return {};
    },
  };
}
