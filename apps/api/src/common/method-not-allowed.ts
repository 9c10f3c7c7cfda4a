import type { FastifyInstance } from 'fastify';
import FindMyWay from 'find-my-way';
import type { HTTPMethod } from 'find-my-way';
import { DomainError, DomainErrorCode } from './domain-error';
import { sendProblem } from './problem.filter';

/**
 * 405 with `Allow` for a method a path does not take (RFC 9110 §15.5.6), 404 only for a path that does not exist.
 * Fastify's router answers both with its not-found handler; a second router of the same library (find-my-way) holds
 * every route's pattern, so that a miss can be told apart by asking it each method the service knows.
 */
export function installMethodNotAllowed(fastify: FastifyInstance): void {
  const router = FindMyWay({ ignoreTrailingSlash: false });
  const methods = new Set<HTTPMethod>();
  fastify.addHook('onRoute', (route) => {
    for (const method of (Array.isArray(route.method) ? route.method : [route.method]) as HTTPMethod[]) {
      if (router.find(method, route.url)) continue;
      methods.add(method);
      router.on(method, route.url, () => undefined);
    }
  });
  fastify.addHook('onRequest', async (request, reply) => {
    if (!request.is404) return;
    const path = request.url.split('?')[0];
    const allowed = [...methods].filter((method) => router.find(method, path)).sort();
    if (allowed.length === 0) return;
    reply.header('allow', allowed.join(', '));
    sendProblem(
      reply,
      request,
      new DomainError(DomainErrorCode.MethodNotAllowed, `${request.method} is not a method of ${path}; it takes ${allowed.join(', ')}.`, {
        allowedMethods: allowed,
      }),
    );
    return reply;
  });
}
