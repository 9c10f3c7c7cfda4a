/**
 * EXPLAIN (ANALYZE, BUFFERS) of every list, search and export query, built by the very functions the routes call
 * (dist/…/*.query.js), on UNITS units seeded with SQL (bench/lists-seed.mjs; default 300,000). Prints each plan
 * and a summary; exits 1 if any plan holds a sequential scan of lifecycles, devices or audit_events.
 *   npm run bench:lists            UNITS=1000000 npm run bench:lists            DATABASE_URL=… to use a server
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { database, root } from './support.mjs';
import { ORGS, seedUnits } from './lists-seed.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const dist = (path) => require(join(root, 'dist/apps/api/apps/api/src', path));
const { deviceListQuery } = dist('devices/device-list.query.js');
const { takebackListQuery } = dist('takebacks/takeback-list.query.js');
const { handoffListQuery } = dist('custody/handoff-list.query.js');
const { unitExportQuery, certificateExportQuery, salesExportQuery } = dist('exports/export.query.js');
const { storedStatesMatching } = require(join(root, 'dist/apps/api/libs/lifecycle/src/index.js'));

const UNITS = Number(process.env.UNITS ?? 300_000);
const BIG_TABLES = /Seq Scan on (lifecycles|devices|audit_events)\b/;
const PAGE = 51; // the route asks for limit + 1

const { url, stop } = await database();
try {
  await seedUnits(url, UNITS);
  const client = new Client({ connectionString: url });
  await client.connect();
  const pick = async (sql) => (await client.query(sql)).rows[0];
  const probe =
    await pick(`SELECT d.serial, d.asset_tag, m.serial AS medium, (extract(epoch FROM d.created_at) * 1000000)::bigint::text AS micros, d.id
    FROM devices d JOIN storage_media m ON m.device_id = d.id WHERE d.asset_tag IS NOT NULL ORDER BY d.created_at, d.id OFFSET ${Math.floor(UNITS / 6)} LIMIT 1`);
  const admin = { organisationId: null };
  const scoped = (organisationId) => ({ organisationId });
  const mid = { micros: probe.micros, id: probe.id };
  const queries = [
    ['devices: first page (platform)', deviceListQuery({}, admin, undefined, PAGE)],
    ['devices: page after a cursor in the middle', deviceListQuery({}, admin, mid, PAGE)],
    ['devices: state=sold&brand=dell', deviceListQuery({ states: storedStatesMatching('sold'), brand: 'dell' }, admin, undefined, PAGE)],
    [
      'devices: state=received&brand=hp',
      deviceListQuery({ states: storedStatesMatching('received'), brand: 'hp' }, admin, undefined, PAGE),
    ],
    ['devices: deviceClass=server', deviceListQuery({ deviceClass: 'server' }, admin, undefined, PAGE)],
    ['devices: grade=B', deviceListQuery({ grade: 'B' }, admin, undefined, PAGE)],
    ['devices: site=Dock 3', deviceListQuery({ site: 'Dock 3' }, admin, undefined, PAGE)],
    ['devices: custodian=partner', deviceListQuery({ custodianId: ORGS.partner }, admin, undefined, PAGE)],
    ['devices: market=FR', deviceListQuery({ market: 'FR' }, admin, undefined, PAGE)],
    [
      'devices: created in one day',
      deviceListQuery({ createdFrom: '2025-01-02T00:00:00Z', createdTo: '2025-01-03T00:00:00Z' }, admin, undefined, PAGE),
    ],
    [
      'devices: updated since a date, state=listed',
      deviceListQuery({ updatedFrom: '2025-03-01T00:00:00Z', states: ['listed'] }, admin, undefined, PAGE),
    ],
    ['devices: as the partner (holds 0.1 %)', deviceListQuery({}, scoped(ORGS.partner), undefined, PAGE)],
    ['devices: as the OEM (brand dell)', deviceListQuery({}, scoped(ORGS.oem), undefined, PAGE)],
    ['devices: as the customer (handed back all)', deviceListQuery({}, scoped(ORGS.customer), undefined, PAGE)],
    ['search: q = part of a serial', deviceListQuery({ q: probe.serial.slice(2, 9).toLowerCase() }, admin, undefined, PAGE)],
    ['search: q = part of an asset tag', deviceListQuery({ q: probe.asset_tag.slice(3, 10) }, admin, undefined, PAGE)],
    ['search: q = part of a medium serial', deviceListQuery({ q: probe.medium.slice(1, 9) }, admin, undefined, PAGE)],
    ['search: q as the partner', deviceListQuery({ q: probe.serial.slice(2, 9) }, scoped(ORGS.partner), undefined, PAGE)],
    ['takebacks: first page (platform)', takebackListQuery({}, null, undefined, PAGE)],
    ['takebacks: as the customer, status=open', takebackListQuery({ status: 'open' }, ORGS.customer, undefined, PAGE)],
    ['takebacks: market=DE, status=complete', takebackListQuery({ market: 'DE', status: 'complete' }, null, undefined, PAGE)],
    ['handoffs: status=requested as the partner', handoffListQuery({ status: 'requested' }, ORGS.partner, undefined, PAGE)],
    ['export units: a batch, state=sold', unitExportQuery({ states: storedStatesMatching('sold') }, admin, undefined, 2000)],
    ['export units: a batch after a key', unitExportQuery({}, admin, mid, 2000)],
    ['export certificates: a batch', certificateExportQuery({}, admin, undefined, 2000)],
    ['export sales: a batch, brand=lenovo', salesExportQuery({ brand: 'lenovo' }, admin, undefined, 2000)],
  ];
  const summary = [];
  for (const [label, { text, values }] of queries) {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    const ms = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]);
    const seqScan = BIG_TABLES.exec(plan)?.[0] ?? null;
    summary.push({ query: label, 'execution ms': ms, 'big-table seq scan': seqScan ?? 'none' });
    console.log(`\n=== ${label}\n${plan}`);
  }
  await client.end();
  console.log(`\n${UNITS} units (seeded with SQL); EXPLAIN (ANALYZE, BUFFERS), warm cache after the first run:`);
  console.table(summary);
  const scans = summary.filter((s) => s['big-table seq scan'] !== 'none');
  console.log(scans.length === 0 ? 'no plan scans lifecycles, devices or audit_events' : `${scans.length} plan(s) scan a large table`);
  process.exitCode = scans.length === 0 ? 0 : 1;
} finally {
  await stop();
}
