#!/usr/bin/env node
/**
 * Public verification cost for a long trail (prints figures; not a test). npm run bench:verify
 * One unit gets a sanitization certificate, then EVENTS more audit entries (LOCK_CHECK repeated, 4 in flight);
 * GET /verify/:id is timed cold (first call: hash chain + replay) and warm (hash chain only, replay checkpointed),
 * next to GET /devices/:id/history/verify (hash chain + full replay every time).
 */
import { call, database, percentile, startService, workshop } from './support.mjs';

const EVENTS = Number(process.env.EVENTS ?? 10_000);
const CALLS = Number(process.env.CALLS ?? 30);

const db = await database();
const service = await startService(db.url, { RECERT_RATE_LIMIT: '1000000' });
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
  const building = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next++ < EVENTS) await send(w.technician.key, { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] });
    }),
  );
  const built = (performance.now() - building) / 1000;
  const entries = (await call(service.base, 'GET', `/devices/${id}/history`, { key: w.admin.key })).body.length;

  const cold = await call(service.base, 'GET', `/verify/${certificateId}`, { key: null });
  const warm = [];
  for (let i = 0; i < CALLS; i++) warm.push((await call(service.base, 'GET', `/verify/${certificateId}`, { key: null })).ms);
  const full = [];
  for (let i = 0; i < Math.min(CALLS, 5); i++)
    full.push((await call(service.base, 'GET', `/devices/${id}/history/verify`, { key: w.admin.key })).ms);
  console.log(`public verify, trail of ${entries} entries (built in ${built.toFixed(0)} s)`);
  console.log(`  GET /verify cold (replay):         ${cold.ms.toFixed(1)} ms, matchesAuditChain=${cold.body.matchesAuditChain}`);
  console.log(
    `  GET /verify warm (checkpointed):   p50 ${percentile(warm, 50).toFixed(1)} ms, p99 ${percentile(warm, 99).toFixed(1)} ms (n=${warm.length})`,
  );
  console.log(`  GET /history/verify (full replay): p50 ${percentile(full, 50).toFixed(1)} ms (n=${full.length})`);
} finally {
  await service.stop();
  await db.stop();
}
