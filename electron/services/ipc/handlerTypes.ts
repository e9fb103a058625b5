import type { z } from 'zod';
import type { EndpointSpec } from '../../../shared/ipc/endpoint';

/** The implementations of one domain's channels, typed from its schemas. */
export type HandlersFor<C extends Record<string, EndpointSpec>> = {
  [K in keyof C]: (
    request: z.output<C[K]['request']>,
  ) => Promise<z.input<C[K]['response']>> | z.input<C[K]['response']>;
};
