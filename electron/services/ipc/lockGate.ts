import { TikhoError } from '../../../shared/errors';
import type { ChannelName } from '../../../shared/ipc/contract';
import { CONTRACT } from '../../../shared/ipc/contract';
import type { HandlerTable } from './dispatch';

type AnyHandler = (request: never) => unknown;

/**
 * The one place "requires unlocked" is enforced: every channel the contract declares UNLOCKED or
 * UNLOCKED_PANIC answers its locked code while the vault is locked, before its handler runs.
 * It wraps the handler table rather than living in the dispatcher because the table is what both
 * the Electron dispatcher and the browser harness serve, and what the handler tests call directly.
 */
export function gateWhileLocked(table: HandlerTable, isUnlocked: () => boolean): HandlerTable {
  const gated: Record<string, AnyHandler> = {};
  for (const [name, handler] of Object.entries(table) as [ChannelName, AnyHandler][]) {
    const access = CONTRACT[name].access;
    if (access.needs === 'nothing') {
      gated[name] = handler;
      continue;
    }
    const { lockedCode } = access;
    // A rejected promise, never a synchronous throw: callers await every handler.
    gated[name] = (request: never) =>
      isUnlocked() ? handler(request) : Promise.reject(new TikhoError(lockedCode));
  }
  return gated as unknown as HandlerTable;
}
