#!/usr/bin/env node
/**
 * Carbon report query time for a customer with UNITS units (prints figures; not a test). npm run bench:carbon
 * Seeded by SQL, not through the API: UNITS devices and 4 carbon entries each (embodied, refurbishment, logistics,
 * avoided), spread over the twelve months of YEAR, all reported to one customer, and the summary rows the commands
 * keep (carbon_totals, carbon_subject_units; the CarbonUnitCounts trigger keeps the unit counters) built from them by SQL. No trail entries are seeded: a report reads the
 * summary rows, never the audit trail. Then GET /carbon/reports/customers/:id is timed CALLS times (JSON), and once
 * each as CSV and PDF; EXPLAIN shows the plans of the report's three statements (the service's own, compiled).
 */
import { createRequire } from 'node:module';
import { ADMIN_KEY, call, database, percentile, root, startService, workshop } from './support.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const { reportStatements } = require(`${root}/dist/apps/api/apps/api/src/carbon/carbon-report.repository.js`);

const UNITS = Number(process.env.UNITS ?? 100_000);
const CALLS = Number(process.env.CALLS ?? 20);
const YEAR = Number(process.env.YEAR ?? 2026);

const db = await database();
const service = await startService(db.url, { RECERT_RATE_LIMIT: '1000000' });
const sql = new Client({ connectionString: db.url });
await sql.connect();
try {
  const w = await workshop(service.base);
  const seeding = performance.now();
  await sql.query(
    `INSERT INTO devices (id, brand, serial, model, device_class)
     SELECT gen_random_uuid(), 'dell', 'CRB' || lpad(i::text, 7, '0'), 'Latitude 7420', CASE WHEN i % 5 = 0 THEN 'desktop' ELSE 'notebook' END
       FROM generate_series(1, $1) AS i`,
    [UNITS],
  );
  await sql.query(
    `INSERT INTO carbon_entries (device_id, lifecycle_id, lifecycle_number, audit_seq, audit_entry_hash, kind, kg, low_kg, high_kg, factor_set,
        source, inputs, device_class, customer_organisation_id, custodian_organisation_id, takeback_id, recorded_at)
     SELECT d.id, gen_random_uuid(), 1, k.seq, md5(d.id::text || k.kind) || md5(k.kind), k.kind, k.kg, k.kg * 0.76, k.kg * 1.24, 'recert-carbon@2026.1',
            '{}'::jsonb, CASE WHEN k.kind = 'avoided' THEN '{"market": "DE"}'::jsonb ELSE '{}'::jsonb END, d.device_class, $1, $2, $3,
            make_timestamptz($4, 1 + (abs(hashtext(d.id::text)) % 12), 1 + k.seq, 12, 0, 0, 'UTC')
       FROM devices d
       CROSS JOIN (VALUES ('embodied', 2, 292.919), ('refurbishment', 6, 0.762), ('logistics', 2, 0.08), ('avoided', 20, 233.493)) AS k(kind, seq, kg)
      WHERE d.serial LIKE 'CRB%'`,
    [w.customer, w.centre, crypto.randomUUID(), YEAR],
  );
  // The summary rows the commands would have kept, built from the seeded entries in one statement per table.
  for (const [subject, column] of [
    ['customer', 'customer_organisation_id'],
    ['partner', 'custodian_organisation_id'],
    ['takeback', 'takeback_id'],
  ]) {
    await sql.query(
      `INSERT INTO carbon_totals (subject_kind, subject_id, month, device_class, kind, factor_set, market, kg, low_kg, high_kg, entries)
       SELECT $1, ${column}, date_trunc('month', recorded_at AT TIME ZONE 'UTC')::date, device_class, kind, factor_set, coalesce(inputs->>'market', ''),
              sum(kg), sum(low_kg), sum(high_kg), count(*)
         FROM carbon_entries WHERE ${column} IS NOT NULL GROUP BY 2, 3, 4, 5, 6, 7`,
      [subject],
    );
    await sql.query(
      `INSERT INTO carbon_subject_units (subject_kind, subject_id, year, device_class, device_id)
       SELECT DISTINCT $1, ${column}, y, device_class, device_id
         FROM carbon_entries CROSS JOIN LATERAL (VALUES (extract(year FROM recorded_at AT TIME ZONE 'UTC')::int), (0)) AS years(y)
        WHERE ${column} IS NOT NULL`,
      [subject],
    );
  }
  await sql.query('VACUUM ANALYZE carbon_entries, carbon_totals, carbon_subject_units');
  const seededMs = performance.now() - seeding;
  const { rows: count } = await sql.query('SELECT count(*)::int AS n FROM carbon_entries WHERE customer_organisation_id = $1', [
    w.customer,
  ]);
  console.log(`seeded by SQL: ${UNITS} units, ${count[0].n} carbon entries for one customer in ${(seededMs / 1000).toFixed(1)} s`);

  const path = `/carbon/reports/customers/${w.customer}?year=${YEAR}`;
  const first = await call(service.base, 'GET', path);
  if (first.status !== 200) throw new Error(`report: ${first.status} ${JSON.stringify(first.body)}`);
  console.log(
    `report: ${first.body.units} units, inventory ${first.body.totals.inventory.kg} kg, avoided ${first.body.totals.avoided.kg} kg (first call ${first.ms.toFixed(0)} ms)`,
  );
  const times = [];
  for (let i = 0; i < CALLS; i++) times.push((await call(service.base, 'GET', path)).ms);
  console.log(
    `GET ${path.replace(w.customer, ':id')} × ${CALLS}: p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms`,
  );
  for (const format of ['csv', 'pdf']) {
    const started = performance.now();
    const response = await fetch(`${service.base}${path}&format=${format}`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
    const bytes = (await response.arrayBuffer()).byteLength;
    console.log(`format=${format}: ${response.status}, ${bytes} bytes in ${(performance.now() - started).toFixed(0)} ms`);
  }
  const statements = reportStatements(
    { by: 'customer', id: w.customer },
    {
      from: `${YEAR}-01-01T00:00:00.000Z`,
      to: `${YEAR + 1}-01-01T00:00:00.000Z`,
    },
  );
  for (const [name, { text, values }] of Object.entries(statements)) {
    const lines = (await sql.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values)).rows.map((r) => r['QUERY PLAN']);
    const scan = lines.find((l) => /Scan/.test(l))?.trim();
    console.log(`${name}: ${scan}; ${lines.find((l) => /Execution Time/.test(l))?.trim()}`);
  }
  const { rows: totals } = await sql.query(
    `SELECT count(*)::int AS n FROM carbon_totals WHERE subject_kind = 'customer' AND subject_id = $1`,
    [w.customer],
  );
  console.log(`summary rows read for the customer's year: ${totals[0].n}`);
} finally {
  await sql.end();
  await service.stop();
  await db.stop();
}
