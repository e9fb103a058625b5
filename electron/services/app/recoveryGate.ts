import { TikhoError } from '../../../shared/errors';
import type { ChannelName } from '../../../shared/ipc/contract';
import type { HandlerTable } from '../ipc';

/**
 * Channels a session opened with the recovery code may use before it has a new passphrase: the
 * ones that set it, lock, or read nothing from the notebook. An allow-list, so a channel added
 * later is closed by default. Panic stays open: the panic button must work on every screen.
 */
export const OPEN_BEFORE_NEW_PASSPHRASE: ReadonlySet<ChannelName> = new Set<ChannelName>([
  'app:bootstrap',
  'settings:get',
  'settings:update',
  'clipboard:clear',
  'vault:status',
  'vault:lock',
  'vault:checkPassphrase',
  'vault:suggestPassphrase',
  'vault:setPassphraseAfterRecovery',
  'panic:trigger',
  'panic:shortcutStatus',
]);

/**
 * Issue 16 §5: after opening with the recovery code the notebook is not usable until a new
 * passphrase is set. Enforced here in main, not by the renderer hiding screens: every other
 * channel answers vault/new-passphrase-required while `pending()` says so.
 */
export function gateUntilNewPassphrase(table: HandlerTable, pending: () => boolean): HandlerTable {
  const gated: Record<string, (request: never) => unknown> = {};
  for (const [name, handler] of Object.entries(table) as [ChannelName, (request: never) => unknown][]) {
    gated[name] = OPEN_BEFORE_NEW_PASSPHRASE.has(name)
      ? handler
      : (request: never) =>
          // A rejected promise, never a synchronous throw: callers await every handler.
          pending() ? Promise.reject(new TikhoError('vault/new-passphrase-required')) : handler(request);
  }
  return gated as unknown as HandlerTable;
}
