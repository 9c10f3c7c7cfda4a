import { Logger } from '@nestjs/common';
import { resolve } from 'node:path';
import { EmbeddedCluster, startEmbeddedCluster } from './embedded-postgres';

/**
 * Resolves where the data lives: DATABASE_URL when given, otherwise an embedded PostgreSQL whose cluster
 * is kept in RECERT_DATA_DIR. Owns the embedded cluster and stops it last, after the pool is closed.
 */
export class DatabaseLocation {
  private constructor(
    /** The service's connection. */
    readonly url: string,
    /** The schema owner's, for the migrations (and the service role's grants), when it is another role. */
    readonly migration: { url: string; createServiceRole: boolean } | undefined,
    private readonly embedded?: EmbeddedCluster,
  ) {}

  static async resolve(env: {
    DATABASE_URL?: string;
    DATABASE_MIGRATION_URL?: string;
    RECERT_DATA_DIR: string;
  }): Promise<DatabaseLocation> {
    if (env.DATABASE_URL) {
      return new DatabaseLocation(
        env.DATABASE_URL,
        env.DATABASE_MIGRATION_URL ? { url: env.DATABASE_MIGRATION_URL, createServiceRole: false } : undefined,
      );
    }
    const logger = new Logger('EmbeddedPostgres');
    const dataDir = resolve(env.RECERT_DATA_DIR);
    const cluster = await startEmbeddedCluster({
      dataDir,
      log: (m) => (m.includes('FATAL') || m.includes('orphan') ? logger.warn(m.trim()) : undefined),
    });
    // Embedded: migrations as the cluster's superuser, the service as its restricted role (created here).
    return new DatabaseLocation(cluster.service.url, { url: cluster.url, createServiceRole: true }, cluster);
  }

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  /** For the start line: which database the service uses (never a password). */
  get description(): string {
    return this.embedded ? `embedded PostgreSQL, data in ${this.embedded.dataDir}` : 'PostgreSQL from DATABASE_URL';
  }

  async stop(): Promise<void> {
    await this.embedded?.stop();
  }
}
