import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { validateEnvironment } from './config/app-config';
import { DatabaseLocation } from './database/database-url';
import { assertDatabaseReachable, DatabaseUnreachableError } from './database/reachability';
import { ADMIN_KEY_HINT, readyLine } from './logging/start-banner';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Recert');
  const env = validateEnvironment(process.env);
  const started = Date.now();
  if (env.DATABASE_URL) {
    await assertDatabaseReachable(env.DATABASE_URL, 'DATABASE_URL');
    if (env.DATABASE_MIGRATION_URL) await assertDatabaseReachable(env.DATABASE_MIGRATION_URL, 'DATABASE_MIGRATION_URL');
  }
  const location = await DatabaseLocation.resolve(env);
  const app = await createApp({ databaseUrl: location.url, migration: location.migration }).catch(async (error: unknown) => {
    await location.stop();
    throw error;
  });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing requests in flight, then stopping`);
    const deadline = setTimeout(() => {
      logger.error(`shutdown took longer than ${env.RECERT_SHUTDOWN_GRACE_MS} ms; exiting`);
      process.exit(1);
    }, env.RECERT_SHUTDOWN_GRACE_MS);
    deadline.unref();
    // Nest closes HTTP (waiting for requests in flight), then the pool; the embedded cluster goes last.
    await app.close();
    await location.stop();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: env.PORT, host: env.HOST });
  logger.log(
    readyLine({
      host: env.HOST,
      port: env.PORT,
      publicUrl: env.RECERT_PUBLIC_URL,
      database: location.description,
      elapsedMs: Date.now() - started,
    }),
  );
  if (!env.RECERT_ADMIN_KEY) logger.warn(ADMIN_KEY_HINT);
}

// One line, no stack trace: what failed at start is the operator's to fix (configuration, database), not a bug report.
bootstrap().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`recert: ${error instanceof DatabaseUnreachableError ? '' : 'failed to start: '}${message}\n`);
  process.exit(1);
});
