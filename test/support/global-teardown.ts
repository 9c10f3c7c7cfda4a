import type { EmbeddedCluster } from '../../apps/api/src/database/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const cluster = (globalThis as { __RECERT_CLUSTER__?: EmbeddedCluster }).__RECERT_CLUSTER__;
  await cluster?.stop();
}
