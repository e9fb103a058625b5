import type { z } from 'zod';

/** A request/response pair: main parses `request` strictly and the handler must return `response`. */
export interface ChannelSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
}

export const channel = <Req extends z.ZodType, Res extends z.ZodType>(
  request: Req,
  response: Res,
): ChannelSpec<Req, Res> => ({ request, response });

/** Channel names are `domain:action`, lower camel case on both sides of the colon. */
export const CHANNEL_NAME = /^[a-z][a-zA-Z]*:[a-z][a-zA-Z]*$/;
