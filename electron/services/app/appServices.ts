import type { EventName, EventPayload } from '../../../shared/ipc/contract';
import type { Language } from '../../../shared/settings';
import type { HandlerTable } from '../ipc/dispatch';
import type { Logger } from '../log/logger';
import type { SettingsService } from '../settings/settingsService';

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export interface AppContext {
  version: string;
  platform: NodeJS.Platform;
  host: 'electron' | 'harness';
  systemLanguage: Language;
  dataDir: string;
  settings: SettingsService;
  logger: Logger;
  emit: EventSink;
}

function platformName(p: NodeJS.Platform): 'linux' | 'darwin' | 'win32' | 'other' {
  return p === 'linux' || p === 'darwin' || p === 'win32' ? p : 'other';
}

/**
 * The handler table: the same object in Electron main and in the browser harness, so e2e tests
 * exercise exactly the code the app runs.
 */
export function createHandlerTable(ctx: AppContext): HandlerTable {
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
