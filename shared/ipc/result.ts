import type { ErrorParams } from '../errors';

/** What every channel returns across the bridge: a value or an error code, never a stack. */
export interface IpcErrorPayload {
  code: string;
  params: ErrorParams;
}

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcErrorPayload };

export const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
export const fail = (code: string, params: ErrorParams = {}): IpcResult<never> => ({
  ok: false,
  error: { code, params },
});

/** Codes produced by the IPC layer itself (services add their own `domain/…` codes). */
export const IPC_ERRORS = {
  forbiddenSender: 'ipc/forbidden-sender',
  invalidRequest: 'ipc/invalid-request',
  tooLarge: 'ipc/too-large',
  unknownChannel: 'ipc/unknown-channel',
  unexpected: 'ipc/unexpected',
} as const;
