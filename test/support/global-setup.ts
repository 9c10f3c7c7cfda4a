import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { randomBytes } from 'node:crypto';
import { startEmbeddedCluster } from '../../apps/api/src/database/embedded-postgres';
import { ensureServiceRole, urlAs } from '../../apps/api/src/database/service-role';
import { TEST_ADMIN_KEY } from './constants';

/**
 * Without DATABASE_URL the suite gets a throw-away embedded PostgreSQL (temp dir, free port), stopped by
 * global-teardown even when tests fail. The schema is migrated once here, so workers never race on it.
 */
export default async function globalSetup(): Promise<void> {
  process.env.LOG_LEVEL ??= 'silent';
  process.env.RECERT_ADMIN_KEY = TEST_ADMIN_KEY;
  // Test files share one database: a scheduler in one app would expire warranties under another test's feet.
  // The scheduler's own test runs it on a database of its own.
  process.env.RECERT_SCHEDULER ??= 'off';
  // Suites send many deliberately bad keys from 127.0.0.1; the limit on failed authentication has its own test.
  process.env.RECERT_AUTH_FAILURE_LIMIT ??= '1000000';
  if (!process.env.DATABASE_URL) {
    const cluster = await startEmbeddedCluster();
    (globalThis as { __RECERT_CLUSTER__?: typeof cluster }).__RECERT_CLUSTER__ = cluster;
    process.env.DATABASE_URL = cluster.url;
    process.env.RECERT_TEST_EMBEDDED = '1';
  }
  const ownerUrl = process.env.DATABASE_URL;
  const dataSource = new DataSource(dataSourceOptions(ownerUrl, 2));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
  // The suite runs as the service would: a restricted role of its own (one per database, as roles are per server),
  // made on the fly. Tests that must act as the owner (tampering on purpose, databases of their own) use RECERT_TEST_OWNER_URL.
  const database = new URL(ownerUrl).pathname.slice(1);
  const serviceUrl = urlAs(ownerUrl, `${database}_service`.slice(0, 63), randomBytes(18).toString('base64url'));
  await ensureServiceRole(ownerUrl, serviceUrl, { create: true });
  process.env.RECERT_TEST_OWNER_URL = ownerUrl;
  process.env.DATABASE_URL = serviceUrl;
}
