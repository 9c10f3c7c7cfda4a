import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const REQUEST_ID_HEADER = 'x-request-id';
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const REQUEST_ID = Symbol('recert.requestId');

/**
 * The caller's x-request-id when it is a sane token, else a new UUID. Cached on the raw request so that
 * fastify, the logger and the error filter all see the same id.
 */
export function requestIdOf(raw: IncomingMessage): string {
  const holder = raw as IncomingMessage & { [REQUEST_ID]?: string };
  if (!holder[REQUEST_ID]) {
    const offered = raw.headers[REQUEST_ID_HEADER];
    holder[REQUEST_ID] = typeof offered === 'string' && ACCEPTED_REQUEST_ID.test(offered) ? offered : randomUUID();
  }
  return holder[REQUEST_ID];
}
