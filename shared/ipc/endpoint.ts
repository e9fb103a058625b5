import type { z } from 'zod';

/** The code a refused call answers with; panic has its own so its screen can say what it needs. */
export type LockedCode = 'vault/locked' | 'panic/locked';

/**
 * What an endpoint needs before its handler runs. Declared on every endpoint (the third argument of
 * `endpoint` is required) and enforced once in main (electron/services/ipc/lockGate.ts), so no
 * handler checks the lock itself and a new endpoint cannot forget to.
 */
export type Access =
  { readonly needs: 'nothing' } | { readonly needs: 'unlocked'; readonly lockedCode: LockedCode };

/** Served at the lock screen too: reads nothing from the notebook, or handles being locked itself. */
export const ANY_STATE = { needs: 'nothing' } as const satisfies Access;
/** Reads or writes the notebook: refused with vault/locked while it is locked. */
export const UNLOCKED = { needs: 'unlocked', lockedCode: 'vault/locked' } as const satisfies Access;
/** A panic setting or trigger: refused with panic/locked, so the lock screen learns nothing of them. */
export const UNLOCKED_PANIC = { needs: 'unlocked', lockedCode: 'panic/locked' } as const satisfies Access;

/** A request/response pair: main parses `request` strictly and the handler must return `response`. */
export interface EndpointSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
  access: Access;
}

/**
 * One IPC endpoint: its Electron channel name is the key it is declared under (`domain:action`).
 * Called `endpoint`, not `channel`, because "channel" in this code base is the secure-channel
 * feature (features/channel → secureChannel.ts → signal/ + desk/).
 */
export const endpoint = <Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
  access: Access,
): EndpointSpec<Req, Res> => ({ request, response, access });

/** Channel names are `domain:action`, lower camel case on both sides of the colon. */
export const CHANNEL_NAME = /^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/;
