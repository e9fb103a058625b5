import { isTikhoError } from '../../../shared/errors';
import type { ChannelName, Contract } from '../../../shared/ipc/contract';
import { CONTRACT } from '../../../shared/ipc/contract';
import { MAX_PAYLOAD_BYTES } from '../../../shared/ipc/limits';
import type { IpcResult } from '../../../shared/ipc/result';
import { fail, IPC_ERRORS, ok } from '../../../shared/ipc/result';
import type { Logger } from '../log';
import type { HandlersFor } from './handlerTypes';
import type { SenderInfo } from './senderPolicy';
import { isTrustedSender } from './senderPolicy';

export type HandlerTable = HandlersFor<Contract>;

export interface DispatcherOptions {
  table: HandlerTable;
  allowedOrigins: readonly string[];
  logger: Logger;
}

export type Dispatch = (channel: string, payload: unknown, sender: SenderInfo) => Promise<IpcResult<unknown>>;

/** Cheap upper bound of a structured-clone payload's size without serialising it twice. */
function payloadSize(payload: unknown): number {
  try {
    return JSON.stringify(payload)?.length ?? 0;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function isChannelName(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(CONTRACT, name);
}

/**
 * The one path every IPC call takes, in Electron and in the harness alike:
 * sender check → size cap → strict schema parse → service → response parse → Result.
 * No stack trace and no message text ever crosses; only codes and params.
 */
export function createDispatcher({ table, allowedOrigins, logger }: DispatcherOptions): Dispatch {
  return async (channel, payload, sender) => {
    if (!isTrustedSender(sender, allowedOrigins)) {
      logger.warn('ipc: refused sender', { channel });
      return fail(IPC_ERRORS.forbiddenSender);
    }
    if (!isChannelName(channel)) return fail(IPC_ERRORS.unknownChannel);
    if (payloadSize(payload) > MAX_PAYLOAD_BYTES) return fail(IPC_ERRORS.tooLarge);
    const spec = CONTRACT[channel];
    const parsed = spec.request.safeParse(payload);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      return fail(IPC_ERRORS.invalidRequest, {
        path: first ? first.path.join('.') : '',
        issue: first ? first.code : 'unknown',
      });
    }
    try {
      const handler = table[channel] as (request: unknown) => unknown;
      const value = await handler(parsed.data);
      const checked = spec.response.safeParse(value);
      if (!checked.success) {
        logger.error('ipc: handler returned an invalid response', { channel });
        return fail(IPC_ERRORS.unexpected);
      }
      return ok(checked.data);
    } catch (error: unknown) {
      if (isTikhoError(error)) return fail(error.code, error.params);
      logger.error('ipc: handler failed', {
        channel,
        errorName: error instanceof Error ? error.name : typeof error,
      });
      return fail(IPC_ERRORS.unexpected);
    }
  };
}
