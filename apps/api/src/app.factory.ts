import helmet from '@fastify/helmet';
import type { IncomingMessage } from 'node:http';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';
import { AppModule } from './app.module';
import { validateEnvironment } from './config/app-config';
import {
  clientErrorHandler,
  EdgeRouteConfig,
  frameworkErrors,
  installBulkLimit,
  installEdge,
  installPoolQueueLimit,
  PoolGauge,
} from './common/edge';
import { installMethodNotAllowed } from './common/method-not-allowed';
import { REQUEST_ID_HEADER, requestIdOf } from './common/request-id';
import { createValidationPipe } from './common/validation';
import { dataSourceOptions } from './database/data-source-options';
import { auditTableOverreach, ensureServiceRole } from './database/service-role';
import { FrameworkAtDebugLogger } from './logging/log-format';
import { servePortal } from './portal/portal-static';
import { describeEventPayloads } from './lifecycle/event-payloads.openapi';
import { MetricsService } from './metrics/metrics.service';
import { completeContract } from './openapi/contract';
import { declaredRoutes } from './openapi/declared-routes';
import { operationIdOf } from './openapi/operation-ids';
import { addValidationLimits } from './openapi/validation-limits';

const SWAGGER_UI_PATH = '/docs';
const CSP_DIRECTIVES = {
  defaultSrc: [`'self'`],
  styleSrc: [`'self'`, `'unsafe-inline'`],
  imgSrc: [`'self'`, 'data:'],
  scriptSrc: [`'self'`, `'unsafe-inline'`],
};
/**
 * Swagger UI's page without helmet's `upgrade-insecure-requests`: over plain HTTP from any host but localhost (a LAN
 * server, a compose stack) the browser would fetch its scripts over https and show a blank page. The API's own
 * answers keep the whole policy.
 */
const SWAGGER_UI_CSP_DIRECTIVES = { ...CSP_DIRECTIVES, upgradeInsecureRequests: null };

export interface CreateAppOptions {
  databaseUrl: string;
  /** The schema owner's connection: migrations run with it, then the service's role gets its grants (service-role.ts). */
  migration?: { url: string; createServiceRole: boolean };
  /** Build the routes without connecting to anything (used to write the OpenAPI document). */
  preview?: boolean;
}

export async function createApp(options: CreateAppOptions): Promise<NestFastifyApplication> {
  const env = validateEnvironment(process.env);
  const adapter = new FastifyAdapter({
    bodyLimit: env.RECERT_BODY_LIMIT,
    genReqId: (raw: IncomingMessage) => requestIdOf(raw),
    return503OnClosing: true,
    frameworkErrors,
    clientErrorHandler,
    // A client gets this long for its headers and its whole request. An idle keep-alive socket stays open longer than
    // a load balancer's usual 60 s idle timeout (fastify's own default), so a proxy never reuses one the service closed.
    requestTimeout: env.RECERT_REQUEST_TIMEOUT_MS,
    keepAliveTimeout: 72_000,
    http: { headersTimeout: env.RECERT_HEADERS_TIMEOUT_MS, connectionsCheckingInterval: 1_000 },
  });
  const fastify = adapter.getInstance();
  fastify.addHook('onRoute', (route) => {
    const limit = (route.config as EdgeRouteConfig | undefined)?.bodyLimit;
    if (limit) route.bodyLimit = limit === 'manifest' ? env.RECERT_MANIFEST_LIMIT : limit;
    if (route.url === SWAGGER_UI_PATH || route.url.startsWith(`${SWAGGER_UI_PATH}/`)) {
      route.config = {
        ...(route.config ?? {}),
        helmet: { contentSecurityPolicy: { directives: SWAGGER_UI_CSP_DIRECTIVES } },
      } as typeof route.config;
    }
  });
  // A CSV manifest reaches its handler as a stream, parsed record by record (csv-parse), never buffered whole;
  // only routes that declare `consumes: ['text/csv']` get that far (the edge answers 415 elsewhere).
  fastify.addContentTypeParser('text/csv', (_request, payload, done) => done(null, payload));
  installEdge(fastify);
  installMethodNotAllowed(fastify);
  installBulkLimit(fastify, env.RECERT_BULK_CONCURRENCY);
  fastify.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, requestIdOf(request.raw));
  });

  if (options.migration && !options.preview) await migrateAsOwner(options.migration, options.databaseUrl);
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register({ databaseUrl: options.databaseUrl, migrated: options.migration !== undefined }),
    adapter,
    {
      bufferLogs: true,
      logger: options.preview ? false : undefined,
      preview: options.preview,
      abortOnError: false,
      // The edge (common/edge.ts) owns body parsing: JSON with limits, CSV where a route declares it, nothing else.
      bodyParser: false,
    },
  );
  if (!options.preview) {
    app.useLogger(new FrameworkAtDebugLogger(app.get(Logger)));
    const pool = (app.get(DataSource).driver as PostgresDriver).master as PoolGauge;
    installPoolQueueLimit(fastify, pool, env.RECERT_POOL_QUEUE_LIMIT);
  }
  app.useGlobalPipes(createValidationPipe());

  await app.register(helmet, { contentSecurityPolicy: { directives: CSP_DIRECTIVES } });

  if (!options.preview) {
    const metrics = app.get(MetricsService);
    fastify.addHook('onResponse', async (request, reply) => {
      const route = request.routeOptions.url ?? 'unmatched';
      metrics.httpRequestDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    });
  }

  await servePortal(app);
  SwaggerModule.setup(SWAGGER_UI_PATH.slice(1), app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  await app.init();
  if (!options.preview) await warnIfServiceCanRewriteHistory(app);
  return app;
}

async function migrateAsOwner(migration: { url: string; createServiceRole: boolean }, serviceUrl: string): Promise<void> {
  const owner = new DataSource(dataSourceOptions(migration.url, 1));
  await owner.initialize();
  try {
    await owner.runMigrations({ transaction: 'each' });
  } finally {
    await owner.destroy();
  }
  await ensureServiceRole(migration.url, serviceUrl, { create: migration.createServiceRole });
}

/**
 * Warns (loudly, at every start) rather than refusing: a server set up with one owner URL keeps running after an
 * upgrade while its operator moves to two roles (README), and the hash chain still shows any rewrite on verify.
 */
async function warnIfServiceCanRewriteHistory(app: NestFastifyApplication): Promise<void> {
  const problems = await auditTableOverreach((sql) => app.get(DataSource).query(sql));
  if (problems.length === 0) return;
  app
    .get(Logger)
    .warn(
      `SECURITY: the service's database role can rewrite the audit trail (${problems.join('; ')}). Run the service as a role that may only ` +
        'INSERT and SELECT on audit_events, and the migrations as the schema owner with DATABASE_MIGRATION_URL (README, "Using your own PostgreSQL").',
    );
}

const API_DESCRIPTION = [
  'Engine for OEM Certified Refurbished programmes: takeback, sanitization, test, grading, certification, warranty, resale and end of life, with a tamper-evident audit trail.',
  '',
  'Every error is `application/problem+json` (RFC 9457, the `Problem` schema): match on its `type`. Each operation lists the statuses it can answer.',
  'Beyond them: a path that does not exist answers 404, and a method a path does not take answers 405 with an `Allow` header listing those it does.',
  'A body is taken only in the media types its operation lists (JSON unless it says otherwise); any other answers 415 with `Accept-Post`.',
].join('\n');

export function buildOpenApiDocument(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Recert')
    .setDescription(API_DESCRIPTION)
    .setLicense('Apache-2.0', 'https://www.apache.org/licenses/LICENSE-2.0')
    .setVersion('0.1.0')
    .addBearerAuth({
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'rct_ + 43 base64url characters',
      description:
        'An API key, sent as `Authorization: Bearer rct_…`: `rct_` and 256 random bits in base64url (43 characters). ' +
        'An administrator creates one with POST /users/{id}/api-keys; it is shown once.',
    })
    .addServer('/', 'This service (the host the document was fetched from)')
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationIdOf });
  addValidationLimits(document);
  describeEventPayloads(document);
  return completeContract(document, declaredRoutes(app));
}
