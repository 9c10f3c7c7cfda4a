import { Logger as NestLogger } from '@nestjs/common';
import { Logger } from 'graphile-worker';
import { Pool } from 'pg';

/** graphile-worker's messages through Nest's logger (pino), errors and warnings only: its info lines are per job. */
export const quietWorkerLogger = new Logger((scope) => (level, message) => {
  const logger = new NestLogger(`graphile-worker${scope.taskIdentifier ? `:${scope.taskIdentifier}` : ''}`);
  if (level === 'error') logger.error(message);
  else if (level === 'warning') logger.warn(message);
});

/**
 * A pool for graphile-worker, with the error handlers it asks for: a connection dropped while idle is
 * logged and replaced instead of crashing the process.
 */
export function workerPool(connectionString: string | undefined, max: number, name: string): Pool {
  const logger = new NestLogger(name);
  const pool = new Pool({ connectionString, max, application_name: name });
  pool.on('error', (error) => logger.warn(`idle connection lost: ${error.message}`));
  pool.on('connect', (client) => client.on('error', (error) => logger.warn(`connection error: ${error.message}`)));
  return pool;
}
