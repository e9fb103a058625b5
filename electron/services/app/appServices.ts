import type { HandlerTable } from '../ipc';
import { gateWhileLocked } from '../ipc';
import type { LockController } from '../lock';
import type { AppContext } from './appContext';
import { createChannelHandlers } from './handlers/channelHandlers';
import { createChecklistHandlers } from './handlers/checklistHandlers';
import { createContactHandlers } from './handlers/contactHandlers';
import { createDraftHandlers, type SessionServices } from './handlers/draftHandlers';
import { createCoreHandlers } from './handlers/coreHandlers';
import { createNotesHandlers } from './handlers/notesHandlers';
import { createPanicHandlers } from './handlers/panicHandlers';
import { createPracticeHandlers } from './handlers/practiceHandlers';
import { createVaultHandlers } from './handlers/vaultHandlers';
import { gateUntilNewPassphrase } from './recoveryGate';

export type { AppContext, EventSink, HostPorts } from './appContext';
export type { SessionServices } from './handlers/draftHandlers';

/**
 * The handler table: the same object in Electron main and in the browser harness, so e2e tests
 * exercise exactly the code the app runs. Each domain contributes its own handlers.
 */
export function createHandlerTable(
  ctx: AppContext,
  lock: LockController,
  session: SessionServices,
): HandlerTable {
  const table: HandlerTable = {
    ...createCoreHandlers(ctx),
    ...createVaultHandlers(ctx, lock),
    ...createNotesHandlers(ctx, lock),
    ...createChecklistHandlers(ctx, lock),
    ...createContactHandlers(ctx, lock),
    ...createChannelHandlers(ctx, lock),
    ...createPanicHandlers(ctx, lock),
    ...createPracticeHandlers(ctx),
    ...createDraftHandlers(ctx, session),
  };
  const locked = gateWhileLocked(table, () => ctx.vault.isUnlocked());
  return gateUntilNewPassphrase(locked, () => ctx.vault.needsNewPassphrase);
}
