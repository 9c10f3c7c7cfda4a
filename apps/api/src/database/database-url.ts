import { Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { EmbeddedCluster, startEmbeddedCluster } from './embedded-postgres';

/**
 * Resolves where the data lives: DATABASE_URL when given, otherwise an embedded PostgreSQL whose cluster
 * is kept in RECERT_DATA_DIR. Owns the embedded cluster and stops it last, after the pool is closed.
 */
export class DatabaseLocation {
  private constructor(
    readonly url: string,
    private readonly embedded?: EmbeddedCluster,
  ) {}

  static async resolve(env: { DATABASE_URL?: string; RECERT_DATA_DIR: string }): Promise<DatabaseLocation> {
    if (env.DATABASE_URL) return new DatabaseLocation(env.DATABASE_URL);
    const logger = new Logger('EmbeddedPostgres');
    const dataDir = resolve(env.RECERT_DATA_DIR);
    logger.log(`no DATABASE_URL: starting an embedded PostgreSQL with its data in ${dataDir}`);
    const cluster = await startEmbeddedCluster({
      dataDir,
      log: (m) => (m.includes('FATAL') || m.includes('orphan') ? logger.warn(m.trim()) : undefined),
    });
    return new DatabaseLocation(cluster.url, cluster);
  }

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  async stop(): Promise<void> {
    await this.embedded?.stop();
  }
}
