import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { validateEnvironment } from './config/app-config';
import { DatabaseLocation } from './database/database-url';

async function bootstrap(): Promise<void> {
  const logger = new Logger('Recert');
  const env = validateEnvironment(process.env);
  const started = Date.now();
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
    `ready on http://${env.HOST}:${env.PORT} in ${Date.now() - started} ms (database: ${location.isEmbedded ? 'embedded PostgreSQL' : 'DATABASE_URL'})`,
  );
}

bootstrap().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
