#!/usr/bin/env node
/**
 * Overload shedding (prints figures; not a test). npm run bench:overload
 * BULK concurrent takebacks of UNITS units each against one instance, while a small-request client calls GET /me
 * in a loop: the status of every bulk answer (201 or 503 + Retry-After; never 500), the latency of the small
 * requests, and whether the units stored are exactly those of the 201s (nothing committed that was not answered).
 * Bounded: BULK (default 40) × UNITS (default 2000), one round, on 127.0.0.1.
 */
import pg from 'pg';
import { call, database, percentile, startService, unit, workshop } from './support.mjs';

const BULK = Number(process.env.BULK ?? 40);
const UNITS = Number(process.env.UNITS ?? 2000);

const db = await database();
const service = await startService(db.url, { RECERT_RATE_LIMIT: '1000000' });
try {
  const w = await workshop(service.base);
  const run = `OV${Date.now().toString(36).toUpperCase()}`;
  const small = [];
  let done = false;
  const smallLoop = (async () => {
    while (!done) small.push((await call(service.base, 'GET', '/me', { key: w.technician.key })).ms);
  })();
  const started = performance.now();
  const bulk = await Promise.all(
    Array.from({ length: BULK }, (_, b) =>
      call(service.base, 'POST', '/takebacks', {
        key: w.admin.key,
        body: {
          customerOrganisationId: w.customer,
          site: 'Dock',
          devices: Array.from({ length: UNITS }, (_, i) => unit(`${run}B${b}U`, i)),
        },
      }),
    ),
  );
  const elapsed = performance.now() - started;
  done = true;
  await smallLoop;

  const byStatus = {};
  for (const r of bulk) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
  const accepted = bulk.filter((r) => r.status === 201).length;
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  const stored = (await client.query(`SELECT count(*)::int AS n FROM devices WHERE serial LIKE $1`, [`${run}%`])).rows[0].n;
  await client.end();
  console.log(`overload: ${BULK} concurrent takebacks × ${UNITS} units, ${(elapsed / 1000).toFixed(1)} s`);
  console.log(`  bulk answers by status:      ${JSON.stringify(byStatus)}`);
  console.log(
    `  Retry-After on 503s:         ${[...new Set(bulk.filter((r) => r.status === 503).map((r) => r.headers.get('retry-after')))].join(', ') || '-'}`,
  );
  console.log(
    `  bulk latency p50 / p99:      ${percentile(
      bulk.map((r) => r.ms),
      50,
    ).toFixed(0)} / ${percentile(
      bulk.map((r) => r.ms),
      99,
    ).toFixed(0)} ms`,
  );
  console.log(
    `  GET /me during the burst:    n=${small.length}, p50 ${percentile(small, 50).toFixed(1)} ms, p99 ${percentile(small, 99).toFixed(1)} ms`,
  );
  console.log(
    `  units stored / answered 201: ${stored} / ${accepted * UNITS} ${stored === accepted * UNITS ? '(nothing committed that was not answered)' : '(MISMATCH)'}`,
  );
} finally {
  await service.stop();
  await db.stop();
}
