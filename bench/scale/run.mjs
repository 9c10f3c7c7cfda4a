#!/usr/bin/env node
/**
 * npm run bench:scale — the reads of issue 15 at scale (prints figures; not a test).
 * UNITS (default 100,000) and ENTRIES_PER_UNIT (10) size the data; API_UNITS (2,000) of the units go through the API,
 * the rest are copied by SQL (bench/scale/seed.mjs says how). The data is kept: SCALE_DATABASE_URL (a database the
 * benchmark may own), else an embedded PostgreSQL in RECERT_SCALE_DATA_DIR (.data-scale); a later run of the same
 * size reuses it, a larger one adds the difference.
 * Then: p50/p95/p99 and throughput of every read route in routes.mjs, sequential (SEQUENTIAL requests) and with 16
 * clients (CONCURRENT requests), beside the trivial-route floor of the same run; readiness and point reads while 16
 * clients run reports; EXPLAIN (ANALYZE, BUFFERS) of each list, search and report query; a 10,000-unit takeback
 * (INTAKE=0 skips it; READS=0 skips the reads). Exits 1 when a plan holds a sequential scan of lifecycles, devices or audit_events.
 * Traffic goes to 127.0.0.1 only, bounded in count.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ADMIN_KEY, call, percentile, root, startService } from '../support.mjs';
import { LARGE_TABLES, ROUTES } from './routes.mjs';
import { connect, fixture, FIXTURE, seedBySql, seedThroughApi } from './seed.mjs';

const require = createRequire(import.meta.url);
const UNITS = Number(process.env.UNITS ?? 100_000);
const ENTRIES_PER_UNIT = Number(process.env.ENTRIES_PER_UNIT ?? 10);
const API_UNITS = Math.min(UNITS, Number(process.env.API_UNITS ?? 2_000));
const SEQUENTIAL = Number(process.env.SEQUENTIAL ?? 200);
const CONCURRENT = Number(process.env.CONCURRENT ?? 800);
const CLIENTS = 16;
const INTAKE = Number(process.env.INTAKE ?? 10_000);
const READS = process.env.READS !== '0';
const log = (line = '') => console.log(line);

const { url, stop: stopDatabase } = await scaleDatabase();
const owner = await connect(url);
// Plans are explained under the session settings of the pool that serves the route.
const { NO_JIT, REQUEST_SESSION } = require(join(root, 'dist/apps/api/apps/api/src/database/data-source-options.js'));
const planners = { requests: await connect(url, REQUEST_SESSION), reports: await connect(url, NO_JIT) };
const service = await startService(url, { RECERT_RATE_LIMIT: '100000000', DB_POOL_SIZE: '16' });
let failed = false;
try {
  const seeded = await seed();
  const c = await context(seeded);
  log(`\ndata: ${c.counts.devices} units, ${c.counts.entries} audit entries, ${c.counts.lifecycles} lifecycles`);
  if (c.sample.length > 0) failed = !(await copiesVerify(c));
  if (c.sample.length > 0 && READS) failed = (await reads(c)) || failed;
  else log('the reads are skipped (no units, or READS=0): only the intake is measured');
  if (INTAKE > 0) await intake(c);
  log(failed ? '\nFAILED: a request path scans a large table sequentially (see the plans above)' : '\nno request path scans a large table');
} finally {
  await service.stop();
  await owner.end();
  for (const planner of Object.values(planners)) await planner.end();
  await stopDatabase();
}
process.exit(failed ? 1 : 0);

/** The read routes, the isolation figure and the plans; true when a plan scans a large table. */
async function reads(c) {
  let scanned = false;

  log(`\n## Reads: sequential ${SEQUENTIAL} requests, then ${CLIENTS} clients × ${CONCURRENT / CLIENTS} (ms; req/s)\n`);
  log('| route | p50 | p95 | p99 | req/s | 16 clients p50 | p95 | p99 | req/s | ×seq | p99 ÷ floor p99 |');
  log('|---|---|---|---|---|---|---|---|---|---|---|');
  let floor;
  const explained = [];
  for (const route of ROUTES) {
    const paths = await route.paths(c);
    const key = route.key(c);
    if (paths.length === 0) {
      if (route.explain) explained.push(route);
      continue;
    }
    const probe = await call(service.base, 'GET', paths[0], { key });
    if (probe.status === 404 || probe.status === 400) {
      log(`| ${route.name} | skipped: ${probe.status} — not in this build | | | | | | | | | |`);
      continue;
    }
    if (probe.status !== 200) throw new Error(`${route.name}: ${paths[0]} answered ${probe.status} ${JSON.stringify(probe.body)}`);
    await measure(paths, key, 20, 1); // warm-up
    const seq = await measure(paths, key, SEQUENTIAL, 1);
    const par = await measure(paths, key, CONCURRENT, CLIENTS);
    floor ??= seq;
    log(
      `| ${route.name} | ${fmt(seq.p50)} | ${fmt(seq.p95)} | ${fmt(seq.p99)} | ${Math.round(seq.rps)} | ${fmt(par.p50)} | ${fmt(par.p95)} | ${fmt(par.p99)} | ${Math.round(par.rps)} | ${(par.rps / seq.rps).toFixed(1)} | ${(seq.p99 / floor.p99).toFixed(1)} |${seq.failures + par.failures ? ` ${seq.failures + par.failures} failed` : ''}`,
    );
    if (route.explain) explained.push(route);
  }

  log(`\n## Isolation: ${CLIENTS} clients run GET /licences/:id/usage without pause; meanwhile, sequentially:\n`);
  await isolation(c);

  log('\n## Plans (EXPLAIN (ANALYZE, BUFFERS)) of the list, search and report queries, and the point reads\n');
  for (const route of explained) {
    const plans = [];
    for (const { sql, params } of [route.explain(c)].flat())
      plans.push(
        (await planners[route.pool ?? 'requests'].query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params)).rows
          .map((r) => r['QUERY PLAN'])
          .join('\n'),
      );
    const plan = plans.join('\n\n');
    const scans = LARGE_TABLES.filter((table) => new RegExp(`Seq Scan on ${table}\\b`).test(plan));
    if (scans.length) scanned = true;
    log(`### ${route.name}${scans.length ? `  — SEQUENTIAL SCAN of ${scans.join(', ')}` : ''}\n\n\`\`\`\n${plan}\n\`\`\`\n`);
  }

  return scanned;
}

async function scaleDatabase() {
  if (process.env.SCALE_DATABASE_URL) return { url: process.env.SCALE_DATABASE_URL, stop: async () => {} };
  const { startEmbeddedCluster } = require(join(root, 'dist/apps/api/apps/api/src/database/embedded-postgres.js'));
  const cluster = await startEmbeddedCluster({ dataDir: process.env.RECERT_SCALE_DATA_DIR ?? join(root, '.data-scale') });
  return { url: cluster.url, stop: () => cluster.stop() };
}

async function seed() {
  const f = await fixture(service.base, owner);
  const [{ n: apiMade }] = (await owner.query(`SELECT count(*)::int AS n FROM devices WHERE serial LIKE 'API%'`)).rows;
  if (apiMade === 0) await seedThroughApi(service.base, owner, f, { apiUnits: API_UNITS, entriesPerUnit: ENTRIES_PER_UNIT, log });
  const [{ n: have }] = (await owner.query(`SELECT count(*)::int AS n FROM devices`)).rows;
  if (have < UNITS) {
    log(`the bulk by SQL: ${UNITS - have} units copied from the API-made trails, hash chains recomputed with libs/audit`);
    await seedBySql(owner, f, { count: UNITS - have, startIndex: have, log });
  } else log(`reusing the seeded database: ${have} units (UNITS=${UNITS})`);
  return f;
}

async function context(f) {
  const orgs = {
    centre: f.orgs[FIXTURE.centre],
    partner: f.orgs[FIXTURE.partner],
    customer: f.orgs[FIXTURE.customer],
    oem: f.orgs[FIXTURE.oem],
  };
  const sample = (await owner.query(`SELECT id FROM devices TABLESAMPLE SYSTEM (1) WHERE serial LIKE 'SC%' LIMIT 500`)).rows.map(
    (r) => r.id,
  );
  if (sample.length === 0)
    sample.push(...(await owner.query(`SELECT id FROM devices WHERE serial LIKE 'API%' LIMIT 500`)).rows.map((r) => r.id));
  const [bulk] = (
    await owner.query(
      `SELECT id FROM takebacks WHERE custodian_organisation_id = $1 AND expected_count = 10000 AND site = 'Scale dock' ORDER BY created_at DESC LIMIT 1`,
      [orgs.centre],
    )
  ).rows;
  const [fallback] = (await owner.query(`SELECT id FROM takebacks WHERE custodian_organisation_id = $1 LIMIT 1`, [orgs.centre])).rows;
  const [counts] = (
    await owner.query(`SELECT (SELECT greatest(reltuples, 0)::bigint FROM pg_class WHERE relname = 'audit_events') AS entries,
      (SELECT count(*) FROM devices) AS devices, (SELECT reltuples::bigint FROM pg_class WHERE relname = 'lifecycles') AS lifecycles`)
  ).rows;
  const pages = async (first, key, count) => {
    const urls = [first];
    while (urls.length < count) {
      const page = await call(service.base, 'GET', urls.at(-1), { key });
      if (!page.body.nextCursor) break;
      urls.push(`${first}&cursor=${page.body.nextCursor}`);
    }
    return urls;
  };
  return { f: { ...f, orgs }, adminKey: ADMIN_KEY, sample, bulkTakebackId: (bulk ?? fallback)?.id, counts, pages };
}

/** The copied trails pass the service's own verification (hash chain and machine replay), as the API-made ones do. */
async function copiesVerify(c) {
  const checked = c.sample.slice(0, 50);
  const broken = [];
  for (const id of checked) {
    const answer = await call(service.base, 'GET', `/devices/${id}/history/verify`, { key: ADMIN_KEY });
    if (answer.status !== 200 || answer.body.ok !== true) broken.push(`${id}: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  log(
    `verification of ${checked.length} sampled units (hash chain and replay): ${broken.length ? `${broken.length} FAILED\n${broken.join('\n')}` : 'all ok'}`,
  );
  return broken.length === 0;
}

async function measure(paths, key, total, clients) {
  const times = [];
  let failures = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < total) {
        const path = paths[next++ % paths.length];
        const response = await call(service.base, 'GET', path, { key });
        if (response.status !== 200) failures++;
        times.push(response.ms);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), rps: total / seconds, failures };
}

async function isolation(c) {
  let running = true;
  const usage = `/licences/${c.f.licenceId}/usage`;
  const reports = { count: 0, statuses: {} };
  const load = Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (running) {
        const r = await call(service.base, 'GET', usage, { key: c.f.oem.key });
        reports.count++;
        reports.statuses[r.status] = (reports.statuses[r.status] ?? 0) + 1;
      }
    }),
  );
  const probes = { ready: [], point: [], failures: 0 };
  for (let i = 0; i < 200; i++) {
    const ready = await call(service.base, 'GET', '/health/ready', { key: null });
    const point = await call(service.base, 'GET', `/devices/${c.sample[i % c.sample.length]}`, { key: c.f.centreAdmin.key });
    probes.ready.push(ready.ms);
    probes.point.push(point.ms);
    if (ready.status !== 200) probes.failures++;
    if (point.status !== 200) probes.failures++;
  }
  running = false;
  await load;
  log(`- /health/ready: p50 ${fmt(percentile(probes.ready, 50))}, p99 ${fmt(percentile(probes.ready, 99))} ms`);
  log(`- GET /devices/:id: p50 ${fmt(percentile(probes.point, 50))}, p99 ${fmt(percentile(probes.point, 99))} ms`);
  log(
    `- readiness or point reads not 200: ${probes.failures} of 400; the reports meanwhile: ${reports.count} (${JSON.stringify(reports.statuses)})`,
  );
}

async function intake(c) {
  const devices = Array.from({ length: INTAKE }, (_, i) => ({
    brand: 'Lenovo',
    serial: `IN${Date.now().toString(36).toUpperCase()}${String(i).padStart(6, '0')}`,
    model: 'ThinkPad T14 Gen 3',
    deviceClass: 'notebook',
    media: [{ serial: 'M1', type: 'nvme', interface: 'nvme', capacityGb: 512 }],
  }));
  const response = await call(service.base, 'POST', '/takebacks', {
    key: c.f.centreAdmin.key,
    body: {
      customerOrganisationId: (await owner.query(`SELECT id FROM organisations WHERE name = $1`, [FIXTURE.customer])).rows[0].id,
      site: 'Intake dock',
      devices,
    },
  });
  log(
    `\n## Intake: a ${INTAKE}-unit takeback (through the API) into ${c.counts.entries} entries: ${response.status}, ${(response.ms / 1000).toFixed(2)} s`,
  );
}

function fmt(ms) {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}
