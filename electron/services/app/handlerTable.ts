import { gateWhileLocked, type HandlerTable } from '../ipc';
import { createChannelHandlers } from './handlers/channelHandlers';
import { createChecklistHandlers } from './handlers/checklistHandlers';
import { createContactHandlers } from './handlers/contactHandlers';
import { createCoreHandlers } from './handlers/coreHandlers';
import { createDraftHandlers } from './handlers/draftHandlers';
import { createNotesHandlers } from './handlers/notesHandlers';
import { createPanicHandlers } from './handlers/panicHandlers';
import { createPracticeHandlers } from './handlers/practiceHandlers';
import { createVaultHandlers } from './handlers/vaultHandlers';
import { gateUntilNewPassphrase } from './recoveryGate';
import type { Services } from './services';

/**
 * The handler table: the same object in Electron main and in the browser harness, so e2e tests
 * exercise exactly the code the app runs. Each domain's handlers adapt IPC to its services.
 */
export function createHandlerTable(services: Services): HandlerTable {
  const table: HandlerTable = {
    ...createCoreHandlers(services),
    ...createVaultHandlers(services),
    ...createNotesHandlers(services),
    ...createChecklistHandlers(services),
    ...createContactHandlers(services),
    ...createChannelHandlers(services),
    ...createPanicHandlers(services),
    ...createPracticeHandlers(services),
    ...createDraftHandlers(services),
  };
  const locked = gateWhileLocked(table, () => services.vault.isUnlocked());
  return gateUntilNewPassphrase(locked, () => services.vault.needsNewPassphrase);
}
