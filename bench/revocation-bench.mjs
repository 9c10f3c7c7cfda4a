#!/usr/bin/env node
/**
 * Revocation delay across two instances (prints figures; not a test). npm run bench:revocation
 * Instance B keeps a key busy (a request every INTERVAL ms); the key is revoked through instance A; the delay
 * until B refuses it is measured ROUNDS times, against RECERT_KEY_CACHE_MS (default here 2000, as in production).
 */
import { call, database, percentile, startService, workshop } from './support.mjs';

const CACHE_MS = Number(process.env.RECERT_KEY_CACHE_MS ?? 2000);
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const INTERVAL = Number(process.env.INTERVAL ?? 20);

const db = await database();
const env = { RECERT_KEY_CACHE_MS: String(CACHE_MS), RECERT_RATE_LIMIT: '1000000' };
const [a, b] = [await startService(db.url, env), await startService(db.url, env)];
try {
  const w = await workshop(a.base);
  const delays = [];
  for (let round = 0; round < ROUNDS; round++) {
    const key = (await call(a.base, 'POST', `/users/${w.technician.id}/api-keys`, { body: { name: `round ${round}` } })).body;
    await call(b.base, 'GET', '/me', { key: key.key });
    // Busy for a while first, so that a cache which renews on use would have renewed many times.
    const busyUntil = Date.now() + CACHE_MS / 2;
    while (Date.now() < busyUntil) await call(b.base, 'GET', '/me', { key: key.key });
    await call(a.base, 'POST', `/api-keys/${key.id}/revoke`);
    const revoked = Date.now();
    let delay = NaN;
    while (Date.now() - revoked < CACHE_MS * 5) {
      if ((await call(b.base, 'GET', '/me', { key: key.key })).status === 401) {
        delay = Date.now() - revoked;
        break;
      }
      await new Promise((r) => setTimeout(r, INTERVAL));
    }
    delays.push(delay);
  }
  console.log(`revocation across two instances, RECERT_KEY_CACHE_MS=${CACHE_MS}, a request every ${INTERVAL} ms on the other instance`);
  console.log(
    `  delay until refused, per round: ${delays.map((d) => (Number.isNaN(d) ? `never (> ${CACHE_MS * 5} ms)` : `${d} ms`)).join(', ')}`,
  );
  console.log(`  max ${Math.max(...delays)} ms, p50 ${percentile(delays, 50)} ms (bound: ${CACHE_MS} ms)`);
} finally {
  await a.stop();
  await b.stop();
  await db.stop();
}
