import { Client } from 'pg';
import type { EmbeddedCluster } from '../../apps/api/src/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const cluster = (globalThis as { __RECERT_CLUSTER__?: EmbeddedCluster }).__RECERT_CLUSTER__;
  if (cluster) return cluster.stop();
  // On a server of its own the suite leaves no role behind: its grants go, then the role.
  const owner = process.env.RECERT_TEST_OWNER_URL;
  const service = process.env.DATABASE_URL && decodeURIComponent(new URL(process.env.DATABASE_URL).username);
  if (!owner || !service) return;
  const client = new Client({ connectionString: owner });
  await client.connect();
  try {
    await client.query(`DROP OWNED BY "${service}"`);
    await client.query(`DROP ROLE IF EXISTS "${service}"`);
  } catch {
    // Best effort: a role still referenced elsewhere only costs a name.
  } finally {
    await client.end();
  }
}
