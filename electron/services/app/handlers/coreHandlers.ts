import type { appChannels } from '../../../../shared/ipc/app';
import type { clipboardChannels } from '../../../../shared/ipc/clipboard';
import type { settingsChannels } from '../../../../shared/ipc/settings';
import type { HandlersFor } from '../../ipc';
import type { Services } from '../services';

function platformName(p: NodeJS.Platform): 'linux' | 'darwin' | 'win32' | 'other' {
  return p === 'linux' || p === 'darwin' || p === 'win32' ? p : 'other';
}

export function createCoreHandlers(
  ctx: Pick<
    Services,
    'version' | 'platform' | 'host' | 'systemLanguage' | 'settings' | 'emit' | 'clipboard' | 'profile'
  >,
): HandlersFor<typeof appChannels & typeof settingsChannels & typeof clipboardChannels> {
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
    'clipboard:copy': ({ text }) => ctx.clipboard.copy(text),
    'clipboard:clear': async () => {
      await ctx.clipboard.clearIfOwned();
      return {};
    },
  };
}
