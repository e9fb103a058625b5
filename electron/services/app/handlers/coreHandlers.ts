import type { appChannels } from '../../../../shared/ipc/app';
import type { settingsChannels } from '../../../../shared/ipc/settings';
import type { HandlersFor } from '../../ipc/handlerTypes';
import type { AppContext } from '../appContext';

function platformName(p: NodeJS.Platform): 'linux' | 'darwin' | 'win32' | 'other' {
  return p === 'linux' || p === 'darwin' || p === 'win32' ? p : 'other';
}

export function createCoreHandlers(
  ctx: AppContext,
): HandlersFor<typeof appChannels & typeof settingsChannels> {
  return {
    'app:bootstrap': () => ({
      version: ctx.version,
      platform: platformName(ctx.platform),
      host: ctx.host,
      systemLanguage: ctx.systemLanguage,
    }),
    'settings:get': () => ctx.settings.get(),
    'settings:update': (patch) => {
      const next = ctx.settings.update(patch);
      ctx.emit('events:settingsChanged', {});
      return next;
    },
  };
}
