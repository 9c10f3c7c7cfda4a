import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver.js';

/**
 * A connection of TypeORM's own pool, for paths that run reviewed SQL through `pg` directly (the command
 * pipeline, bulk takebacks, authentication) where TypeORM's builder would cost more than the database.
 * `discard` marks the connection unusable (a failed ROLLBACK), so the pool closes it instead of reusing it.
 */
export async function onClient<T>(
  dataSource: DataSource,
  work: (client: PoolClient, discard: (error: unknown) => void) => Promise<T>,
): Promise<T> {
  const [client, release] = (await (dataSource.driver as PostgresDriver).obtainMasterConnection()) as [
    PoolClient,
    (error?: unknown) => void,
  ];
  let broken: unknown;
  try {
    return await work(client, (error) => (broken = error ?? new Error('connection discarded')));
  } finally {
    release(broken);
  }
}

/** Ends the transaction `work` runs in: COMMIT on success, ROLLBACK on error (when one was opened). */
export async function runTransaction<T>(
  client: PoolClient,
  discard: (error: unknown) => void,
  work: () => Promise<T>,
  isOpen: () => boolean = () => true,
): Promise<T> {
  try {
    const result = await work();
    if (isOpen()) await client.query('COMMIT');
    return result;
  } catch (error) {
    if (isOpen()) await client.query('ROLLBACK').catch(discard);
    throw error;
  }
}
