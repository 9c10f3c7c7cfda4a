import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PROBLEM_CONTENT_TYPE, problemType } from '../common/problem';

/** Where `npm run portal:build` puts the page: dist/portal, seen from the compiled service or from its sources (tests). */
const CANDIDATES = [resolve(__dirname, '../../../../portal'), resolve(__dirname, '../../../../dist/portal')];

export const portalDirectory = (): string | undefined => CANDIDATES.find((dir) => existsSync(join(dir, 'index.html')));

/**
 * Serves the customer portal's static files at /portal/. They hold no data: every figure comes from the API, with
 * the session cookie. Hashed assets are cached for a year; the page itself is revalidated each time.
 */
export async function servePortal(app: NestFastifyApplication): Promise<void> {
  const root = portalDirectory();
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/portal', async (_request, reply) => reply.redirect('/portal/', 302));
  if (!root) {
    fastify.get('/portal/*', async (request, reply) => {
      reply.code(503).type(PROBLEM_CONTENT_TYPE);
      return {
        type: problemType('portal-not-built'),
        title: 'Service Unavailable',
        status: 503,
        detail: 'The portal has not been built: run npm run portal:build (npm start and npm test do it).',
        instance: request.url,
      };
    });
    return;
  }
  await app.register(fastifyStatic, {
    root,
    prefix: '/portal/',
    decorateReply: false,
    index: ['index.html'],
    setHeaders: (res, path) => {
      res.header('cache-control', /[/\\]assets[/\\]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
