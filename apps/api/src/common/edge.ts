import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { DomainError, DomainErrorCode } from './domain-error';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem';
import { sendProblem } from './problem.filter';
import { invalidInput } from './validation';

/**
 * The edge: what a request must look like before any of our code (or class-transformer) sees it.
 * Content types are accepted per route, JSON is parsed with limits on depth and array length, and text
 * anywhere (body, query, path) is refused when it carries NUL or a lone UTF-16 surrogate.
 */

/** Route options that routes set with `@RouteConfig({...})`. */
export interface EdgeRouteConfig {
  /** A byte count, or 'manifest' for RECERT_MANIFEST_LIMIT (bulk takebacks, JSON or CSV). */
  bodyLimit?: number | 'manifest';
  /** Media types the route takes a body in (default: application/json only). */
  consumes?: string[];
  /** A bulk route: at most RECERT_BULK_CONCURRENCY of them run at once in this process (503 beyond). */
  bulk?: boolean;
}

/** Bulk routes, marked here so that their controllers need no change: each holds a connection for long. */
export const BULK_ROUTES = new Set(['POST /takebacks', 'POST /devices/events']);

/**
 * Sheds bulk requests early: beyond `max` in flight, 503 with Retry-After before the body is read, so that
 * small requests keep their share of the pool and nothing is started that could not be answered in time.
 */
export function installBulkLimit(fastify: FastifyInstance, max: number): void {
  let inFlight = 0;
  fastify.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.some((m) => BULK_ROUTES.has(`${m} ${route.url}`)))
      route.config = { ...(route.config ?? {}), bulk: true } as typeof route.config;
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (!(request.routeOptions.config as EdgeRouteConfig | undefined)?.bulk) return;
    if (inFlight >= max) {
      sendProblem(
        reply,
        request,
        new DomainError(
          DomainErrorCode.Overloaded,
          `${max} bulk request(s) are already running; nothing was changed. Retry after the time given in Retry-After.`,
          { retryAfterSeconds: 2 },
        ),
      );
      return reply;
    }
    inFlight++;
    let released = false;
    reply.raw.once('close', () => {
      if (!released) inFlight--;
      released = true;
    });
  });
}

export const JSON_MEDIA_TYPE = 'application/json';
/** Deeper JSON than this is not a shape any route takes; refusing it keeps recursive walkers off deep input. */
export const MAX_JSON_DEPTH = 32;
/** No array of any route is longer (the largest: a takeback's 10,000 devices). */
export const MAX_JSON_ARRAY_LENGTH = 10_000;

export const mediaTypeOf = (contentType: string | undefined) => (contentType ?? '').split(';')[0].trim().toLowerCase();

const hasBody = (request: FastifyRequest) => {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
};

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why a string may not enter the service, or undefined when it may. */
export function badText(value: string): string | undefined {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain lone UTF-16 surrogates';
  return undefined;
}

/** Walks a parsed JSON value without recursion; throws 400 at the first thing no route accepts. */
export function inspectJson(root: unknown, prefix = ''): void {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: root, path: prefix, depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    const where = path || '(body)';
    if (typeof value === 'string') {
      const problem = badText(value);
      if (problem)
        throw invalidInput([{ path: where, messages: [`text ${problem}`] }], 'The request contains text the service does not accept.');
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH)
      throw invalidInput([{ path: where, messages: [`nested deeper than ${MAX_JSON_DEPTH} levels`] }], 'The body is nested too deeply.');
    if (Array.isArray(value)) {
      if (value.length > MAX_JSON_ARRAY_LENGTH) {
        throw invalidInput(
          [{ path: where, messages: [`an array may have at most ${MAX_JSON_ARRAY_LENGTH} items (${value.length} given)`] }],
          'An array of the body is too long.',
        );
      }
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}[${i}]`, depth: depth + 1 });
      continue;
    }
    for (const [key, item] of Object.entries(value)) {
      const problem = badText(key);
      if (problem)
        throw invalidInput([{ path: where, messages: [`a key ${problem}`] }], 'The request contains text the service does not accept.');
      stack.push({ value: item, path: path ? `${path}.${key}` : key, depth: depth + 1 });
    }
  }
}

const unsupportedMediaType = (given: string, accepted: string[]) =>
  new DomainError(
    DomainErrorCode.UnsupportedMediaType,
    `This route does not take ${given ? `"${given}"` : 'a body without a Content-Type'}.`,
    { accepted },
  );

/** Installs the edge on the fastify instance, before Nest registers routes. */
export function installEdge(fastify: FastifyInstance): void {
  // JSON: fastify's own parser (prototype-poisoning checks), then depth, array length and text checks.
  const parseJson = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser(['application/json', 'text/plain']);
  fastify.addContentTypeParser(JSON_MEDIA_TYPE, { parseAs: 'string' }, (request, body, done) => {
    parseJson(request, body as string, (error, value) => {
      if (error) return done(error, undefined);
      try {
        inspectJson(value);
      } catch (refused) {
        return done(refused as Error, undefined);
      }
      done(null, value);
    });
  });

  // A body is accepted only in a media type its route declares; everything else is 415 before parsing.
  fastify.addHook('onRequest', async (request, reply) => {
    if (!hasBody(request)) return;
    const config = request.routeOptions.config as EdgeRouteConfig | undefined;
    const accepted = config?.consumes ?? [JSON_MEDIA_TYPE];
    const given = mediaTypeOf(request.headers['content-type']);
    if (!accepted.includes(given)) {
      reply.header('accept-post', accepted.join(', '));
      sendProblem(reply, request, unsupportedMediaType(given, accepted));
      return reply;
    }
  });

  // Query strings and path parameters: the same text rules as JSON bodies.
  fastify.addHook('preValidation', async (request, reply) => {
    for (const [source, values] of [
      ['query', request.query],
      ['path', request.params],
    ] as const) {
      if (!values || typeof values !== 'object') continue;
      for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
        for (const text of [key, ...(Array.isArray(value) ? value : [value])]) {
          const problem = typeof text === 'string' ? badText(text) : undefined;
          if (problem) {
            sendProblem(
              reply,
              request,
              invalidInput(
                [{ path: `${source}.${key}`, messages: [`text ${problem}`] }],
                'The request contains text the service does not accept.',
              ),
            );
            return reply;
          }
        }
      }
    }
  });
}

/** The part of pg's Pool the shedder reads. */
export interface PoolGauge {
  waitingCount: number;
}

/**
 * Bounds the queue for pool connections: when `max` requests already wait for a connection, a new request is
 * answered 503 + Retry-After at once instead of joining the queue and failing after the connect timeout.
 * Liveness and readiness probes are exempt (readiness answers for itself).
 */
export function installPoolQueueLimit(fastify: FastifyInstance, pool: PoolGauge, max: number): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (pool.waitingCount < max || request.url.startsWith('/health/')) return;
    sendProblem(
      reply,
      request,
      new DomainError(DomainErrorCode.Overloaded, 'The service is busy; nothing was changed. Retry after the time given in Retry-After.', {
        retryAfterSeconds: 1,
      }),
    );
    return reply;
  });
}

/** fastify's router errors (414 for an over-long path parameter, 400 for a bad URL) as problem documents. */
export function frameworkErrors(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  sendProblem(reply, request, error);
}

const CLIENT_ERRORS: Record<string, { status: number; title: string; detail: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, title: 'Request Timeout', detail: 'The request was not received in time.' },
  HPE_HEADER_OVERFLOW: { status: 431, title: 'Request Header Fields Too Large', detail: 'The request headers are too large.' },
};

/** Errors Node raises before fastify sees a request (timeouts, malformed HTTP): problem+json on the socket, then close. */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = (error.code && CLIENT_ERRORS[error.code]) || {
    status: 400,
    title: 'Bad Request',
    detail: 'The request is not valid HTTP.',
  };
  const requestId = randomUUID();
  const body = JSON.stringify({
    type: problemType(known.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')),
    title: known.title,
    status: known.status,
    detail: known.detail,
    requestId,
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${known.status} ${known.title}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `x-request-id: ${requestId}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
