import { runMigrations } from 'graphile-worker';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quietWorkerLogger, workerPool } from '../../warranty/worker-logger';

/**
 * Installs graphile-worker's job tables (schema graphile_worker) through its own migrator, so that the job
 * a command schedules can be added in the command's transaction from the first start. Later versions of the
 * library migrate their schema themselves when the worker starts.
 */
export class WarrantyScheduler1795414000000 implements MigrationInterface {
  name = 'WarrantyScheduler1795414000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const pgPool = workerPool((queryRunner.connection.options as { url?: string }).url, 1, 'recert-migrations');
    try {
      await runMigrations({ pgPool, logger: quietWorkerLogger });
    } finally {
      await pgPool.end();
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP SCHEMA IF EXISTS graphile_worker CASCADE');
  }
}
