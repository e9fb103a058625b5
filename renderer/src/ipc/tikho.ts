import type { TikhoApi } from '../../../shared/ipc/contract';
import type { IpcErrorPayload, IpcResult } from '../../../shared/ipc/result';

declare global {
  interface Window {
    readonly tikho: TikhoApi;
  }
}

/** An error the UI can translate: the code names a key in the `errors` namespace. */
export class UiError extends Error {
  constructor(readonly payload: IpcErrorPayload) {
    super(payload.code);
  }
}

export function api(): TikhoApi {
  return window.tikho;
}

/** Unwraps a Result so components can use try/catch and show the translated code. */
export async function unwrap<T>(result: Promise<IpcResult<T>>): Promise<T> {
  const settled = await result;
  if (settled.ok) return settled.value;
  throw new UiError(settled.error);
}
