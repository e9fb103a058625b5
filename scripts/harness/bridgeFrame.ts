import { IPC_ERRORS } from '../../shared/ipc/result';
import type { IpcResult } from '../../shared/ipc/result';

/** One call as the harness bridge sends it: the stand-in for an `ipcRenderer.invoke`. */
export interface BridgeCall {
  id: number;
  channel: string;
  payload: unknown;
}

/**
 * Reads one WebSocket frame. Anything that is not `{ id: number, channel: string }` (a `null`, an
 * array, a number, broken JSON) is refused with the same error every other bad call gets, so a
 * hostile page can neither crash the harness nor leave a call without an answer.
 */
export function readBridgeFrame(
  text: string,
): { call: BridgeCall } | { refusal: { id: number | null; result: IpcResult<never> } } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return refuse(null);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return refuse(null);
  const id = Object.hasOwn(parsed, 'id') ? (parsed as { id: unknown }).id : undefined;
  const channel = Object.hasOwn(parsed, 'channel') ? (parsed as { channel: unknown }).channel : undefined;
  const usableId = typeof id === 'number' && Number.isSafeInteger(id) ? id : null;
  if (usableId === null || typeof channel !== 'string') return refuse(usableId);
  const payload = Object.hasOwn(parsed, 'payload') ? (parsed as { payload: unknown }).payload : undefined;
  return { call: { id: usableId, channel, payload } };
}

function refuse(id: number | null): { refusal: { id: number | null; result: IpcResult<never> } } {
  return {
    refusal: { id, result: { ok: false, error: { code: IPC_ERRORS.invalidRequest, params: {} } } },
  };
}
