#!/usr/bin/env node
/**
 * Public verification cost for a long trail (prints figures; not a test). npm run bench:verify
 * One unit gets a sanitization certificate, then EVENTS more audit entries (LOCK_CHECK repeated, 4 in flight).
 * Timed: the first GET /verify/:id (no checkpoint yet: the whole trail is hashed and replayed once), later calls
 * one by one and AT_ONCE at the same time, a call after TAIL more entries, and GET /devices/:id/history/verify
 * incremental and with ?full=true (the whole trail every call). Loopback only, bounded by EVENTS and CALLS; it waits
 * a minute before each burst so that the route's own limit (60 a minute per address) does not answer for it.
 */
import { call, database, percentile, startService, workshop } from './support.mjs';

const EVENTS = Number(process.env.EVENTS ?? 10_000);
const CALLS = Number(process.env.CALLS ?? 30);
/** GET /verify allows 60 calls a minute per address: the bench waits for a fresh window before each burst. */
const PUBLIC_WINDOW_MS = 61_000;
const freshWindow = () => new Promise((resolve) => setTimeout(resolve, PUBLIC_WINDOW_MS));
const AT_ONCE = Number(process.env.AT_ONCE ?? 50);
const TAIL = Number(process.env.TAIL ?? 100);

const db = await database();
const service = await startService(db.url, { RECERT_RATE_LIMIT: '1000000' });
const ms = (values) => `p50 ${percentile(values, 50).toFixed(1)} ms, p99 ${percentile(values, 99).toFixed(1)} ms (n=${values.length})`;
try {
  const w = await workshop(service.base);
  const serial = `VB${Date.now()}`;
  await call(service.base, 'POST', '/takebacks', {
    key: w.admin.key,
    body: {
      customerOrganisationId: w.customer,
      site: 'Dock',
      devices: [
        { brand: 'Lenovo', serial, model: 'T14', deviceClass: 'notebook', media: [{ serial: 'M1', type: 'nvme', interface: 'nvme' }] },
      ],
    },
  });
  const id = (await call(service.base, 'GET', `/devices?serial=${serial}`, { key: w.admin.key })).body.items[0].id;
  const send = (key, event) => call(service.base, 'POST', `/devices/${id}/events`, { key, body: event });
  await send(w.technician.key, { type: 'RECEIVE', site: 'Dock', sealIntact: true });
  await send(w.technician.key, {
    type: 'SANITIZE',
    mediumSerial: 'M1',
    level: 'purge',
    method: 'nvme_sanitize_crypto_erase',
    tool: { name: 'W', version: '1' },
    verification: 'full',
    result: 'pass',
    performedBy: { name: 'A', title: 'T' },
    destination: 'external_reuse',
  });
  const certificateId = (
    await send(w.admin.key, { type: 'VALIDATE_SANITIZATION', mediumSerial: 'M1', method: 'full', validatedBy: { name: 'B', title: 'T' } })
  ).body.certificateId;
  const lockChecks = async (n) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next++ < n) await send(w.technician.key, { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] });
      }),
    );
  };
  const building = performance.now();
  await lockChecks(EVENTS);
  const built = (performance.now() - building) / 1000;
  const entries = 4 + EVENTS;
  const verifyOnce = () => call(service.base, 'GET', `/verify/${certificateId}`, { key: null });

  const cold = await verifyOnce();
  const warm = [];
  for (let i = 0; i < CALLS; i++) warm.push((await verifyOnce()).ms);
  await freshWindow();
  const burstStarted = performance.now();
  const burst = await Promise.all(Array.from({ length: AT_ONCE }, verifyOnce));
  const burstWall = performance.now() - burstStarted;
  await lockChecks(TAIL);
  await freshWindow();
  const afterTail = await verifyOnce();
  const history = (query) => call(service.base, 'GET', `/devices/${id}/history/verify${query}`, { key: w.admin.key });
  const incremental = [];
  for (let i = 0; i < CALLS; i++) incremental.push((await history('')).ms);
  const full = [];
  for (let i = 0; i < 5; i++) {
    const r = await history('?full=true');
    if (r.status !== 200) break; // a build without ?full (the code before checkpoints) answers 400
    full.push(r.ms);
  }
  console.log(`public verify, trail of ${entries} entries (built in ${built.toFixed(0)} s)`);
  console.log(`  GET /verify first call:            ${cold.ms.toFixed(1)} ms, matchesAuditChain=${cold.body.matchesAuditChain}`);
  console.log(`  GET /verify later calls:           ${ms(warm)}`);
  console.log(
    `  GET /verify ${AT_ONCE} at once:            all answered in ${burstWall.toFixed(0)} ms; ${ms(burst.map((r) => r.ms))}; statuses ${JSON.stringify(
      burst.reduce((n, r) => ({ ...n, [r.status]: (n[r.status] ?? 0) + 1 }), {}),
    )}`,
  );
  console.log(
    `  GET /verify after ${TAIL} more entries: ${afterTail.ms.toFixed(1)} ms, matchesAuditChain=${afterTail.body.matchesAuditChain}`,
  );
  console.log(`  GET /history/verify:               ${ms(incremental)}`);
  console.log(`  GET /history/verify?full=true:     ${full.length ? ms(full) : 'not supported by this build'}`);
} finally {
  await service.stop();
  await db.stop();
}
