#!/usr/bin/env node
/**
 * Lifecycle engine benchmark (prints figures; not a test).
 *
 *   npm run bench                      # embedded PostgreSQL (throw-away cluster)
 *   DATABASE_URL=postgres://… npm run bench   # a fresh database on that server, dropped afterwards
 *   options: --seconds 15 --clients 16,64 --reps 3; BENCH_NODE_OPTIONS='--cpu-prof …' profiles the service
 *
 * 1. Transitions over HTTP: N concurrent clients each walk units through RECEIVE → … → SELL (9 events),
 *    against the built service; transitions/s, p50, p99.
 * 2. The same SQL transaction without the app: pgbench -M prepared, same database, same run (lock unit and
 *    lifecycle, update snapshot and version, insert the audit row), and the ratio app / raw.
 * 3. A 10,000-unit takeback over HTTP against COPY of the same rows (devices, media, lifecycles, audit, items).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID, createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync, readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir, cpus } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const dist = (p) => join(root, 'dist/apps/api/apps/api/src', p);
const pg = require('pg');

const args = Object.fromEntries(
  process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []),
);
const SECONDS = Number(args.seconds ?? 15);
const CLIENTS = String(args.clients ?? '16,64')
  .split(',')
  .map(Number);
const REPS = Number(args.reps ?? 3);
const ADMIN_KEY = `rct_bench${randomUUID().replace(/-/g, '')}`;
const UNITS_PER_TAKEBACK = 10_000;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const log = (...m) => console.error('[bench]', ...m);

// ---------- database ----------
async function database() {
  if (process.env.DATABASE_URL) {
    const server = new URL(process.env.DATABASE_URL);
    const name = `recert_bench_${Date.now()}`;
    const admin = new pg.Client({ connectionString: Object.assign(new URL(server), { pathname: '/postgres' }).toString() });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = Object.assign(new URL(server), { pathname: `/${name}` }).toString();
    return {
      url,
      kind: `server ${server.host}`,
      stop: async () => {
        const c = new pg.Client({ connectionString: Object.assign(new URL(server), { pathname: '/postgres' }).toString() });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const { startEmbeddedCluster } = require(dist('database/embedded-postgres.js'));
  const cluster = await startEmbeddedCluster();
  return { url: cluster.url, kind: 'embedded', stop: () => cluster.stop() };
}

// ---------- the service ----------
async function startService(databaseUrl) {
  const { findFreePort } = require(dist('database/embedded-postgres.js'));
  const port = await findFreePort();
  const child = spawn(
    process.execPath,
    [...(process.env.BENCH_NODE_OPTIONS ? process.env.BENCH_NODE_OPTIONS.split(' ') : []), dist('main.js')],
    {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        RECERT_ADMIN_KEY: ADMIN_KEY,
        LOG_LEVEL: 'warn',
        RECERT_RATE_LIMIT: '100000000',
        DB_POOL_SIZE: '16',
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`${base}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok)
      return {
        base,
        port,
        pid: child.pid,
        stop: () =>
          new Promise((r) => {
            child.once('exit', r);
            child.kill('SIGTERM');
          }),
      };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('service did not become ready');
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
function call(port, method, path, key, body) {
  return new Promise((resolveCall, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          authorization: `Bearer ${key}`,
          ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolveCall({ status: res.statusCode, body: chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined }),
        );
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

const unit = (i, prefix) => ({
  brand: 'lenovo',
  serial: `${prefix}${String(i).padStart(6, '0')}`,
  model: 'ThinkPad T14',
  deviceClass: 'notebook',
  media: [{ serial: 'M1', type: 'nvme', interface: 'nvme', capacityGb: 512 }],
});

async function setup(port) {
  const org = (await call(port, 'POST', '/organisations', ADMIN_KEY, { name: 'Bench centre', kind: 'refurbishment_centre' })).body;
  const customer = (await call(port, 'POST', '/organisations', ADMIN_KEY, { name: 'Bench customer', kind: 'customer' })).body;
  await call(port, 'PUT', `/organisations/${org.id}/customers/${customer.id}`, ADMIN_KEY);
  const user = (
    await call(port, 'POST', '/users', ADMIN_KEY, {
      organisationId: org.id,
      email: `bench-${Date.now()}@bench.invalid`,
      name: 'Bench',
      role: 'admin',
    })
  ).body;
  const key = (await call(port, 'POST', `/users/${user.id}/api-keys`, ADMIN_KEY, { name: 'bench' })).body.key;
  // Sanitization is validated by another person than its operator.
  const qa = (
    await call(port, 'POST', '/users', ADMIN_KEY, {
      organisationId: org.id,
      email: `bench-qa-${Date.now()}@bench.invalid`,
      name: 'Bench QA',
      role: 'technician',
    })
  ).body;
  const validatorKey = (await call(port, 'POST', `/users/${qa.id}/api-keys`, ADMIN_KEY, { name: 'bench' })).body.key;
  const oem = (await call(port, 'POST', '/organisations', ADMIN_KEY, { name: 'Bench OEM', kind: 'oem', brands: ['lenovo'] })).body;
  const manager = (
    await call(port, 'POST', '/users', ADMIN_KEY, {
      organisationId: oem.id,
      email: `bench-pm-${Date.now()}@bench.invalid`,
      name: 'Bench PM',
      role: 'programme_manager',
    })
  ).body;
  const managerKey = (await call(port, 'POST', `/users/${manager.id}/api-keys`, ADMIN_KEY, { name: 'bench' })).body.key;
  const programme = await call(port, 'POST', '/programmes', managerKey, {
    code: 'bench',
    name: 'Bench programme',
    brands: ['lenovo'],
    deviceClasses: ['notebook'],
    sanitization: { resale: 'purge', returnToOwner: 'clear' },
    testSuites: { notebook: 'notebook-standard@1' },
    rubric: 'notebook-cosmetic@1',
    certifiableGrades: ['A', 'B', 'C'],
    osLicenceRequired: false,
    markets: [{ market: 'FR', warrantyMonths: 12, extendableToMonths: 36, doaDays: 30 }],
  });
  if (programme.status !== 201) throw new Error(`programme: ${programme.status} ${JSON.stringify(programme.body).slice(0, 300)}`);
  return { key, validatorKey, programmeId: programme.body.id, customerId: customer.id, organisationId: org.id, userId: user.id };
}

async function takeback(port, who, prefix) {
  const devices = Array.from({ length: UNITS_PER_TAKEBACK }, (_, i) => unit(i, prefix));
  const started = process.hrtime.bigint();
  const response = await call(port, 'POST', '/takebacks', who.key, { customerOrganisationId: who.customerId, site: 'Bench dock', devices });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (response.status !== 201) throw new Error(`takeback failed: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
  return { ms, id: response.body.id };
}

// ---------- CPU accounting (Linux /proc): where each transaction's CPU goes ----------
const TICK_MS = 10;
function processCpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}
function cpuSnapshot(servicePid) {
  let postgres = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') postgres += processCpuMs(entry);
    } catch {
      /* gone */
    }
  }
  const [, ...jiffies] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
  const busy = jiffies.reduce((a, b) => a + b, 0) - jiffies[3] - (jiffies[4] ?? 0);
  return { service: servicePid ? processCpuMs(servicePid) : 0, postgres, machine: busy * TICK_MS, self: process.cpuUsage() };
}
function cpuPerTx(before, after, transactions) {
  const per = (x) => (x * 1000) / transactions;
  return {
    serviceUs: per(after.service - before.service),
    postgresUs: per(after.postgres - before.postgres),
    loadGeneratorUs: per((after.self.user + after.self.system - before.self.user - before.self.system) / 1000),
    machineUs: per(after.machine - before.machine),
  };
}

// ---------- 1. transitions over HTTP ----------
const MEASUREMENTS = [
  ['battery_health_percent', 92],
  ['storage_reallocated_sectors', 0],
  ['storage_pending_sectors', 0],
  ...['bios', 'memory', 'ports', 'display', 'keyboard', 'touchpad', 'wifi', 'audio'].map((c) => [c, true]),
].map(([check, value]) => ({ check, value }));
/** A notebook from receipt to sale, as a centre's tools submit it. */
const sequence = (programmeId) => [
  { type: 'RECEIVE', site: 'Bench dock', sealIntact: true },
  { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] },
  {
    type: 'SANITIZE',
    mediumSerial: 'M1',
    level: 'purge',
    method: 'nvme_sanitize_crypto_erase',
    tool: { name: 'Bench wipe', version: '1' },
    verification: 'full',
    result: 'pass',
    performedBy: { name: 'Op', title: 'Technician' },
    destination: 'external_reuse',
  },
  { type: 'VALIDATE_SANITIZATION', mediumSerial: 'M1', method: 'full', validatedBy: { name: 'QA', title: 'QA' } },
  { type: 'TEST_RESULT', measurements: MEASUREMENTS },
  { type: 'GRADE', defects: [] },
  { type: 'CERTIFY', programmeId },
  { type: 'LIST', channel: 'web', market: 'FR', price: 399, currency: 'EUR' },
  { type: 'SELL', orderReference: 'SO-B', buyer: 'Bench buyer', market: 'FR' },
];

async function driveHttp(port, who, deviceIds, clients, seconds) {
  const events = sequence(who.programmeId);
  let next = 0;
  const latencies = [];
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  const worker = async () => {
    while (Date.now() < deadline) {
      const id = deviceIds[next++];
      if (!id) throw new Error('ran out of units: raise the takeback count');
      for (const event of events) {
        if (Date.now() >= deadline) return;
        const t0 = process.hrtime.bigint();
        const r = await call(
          port,
          'POST',
          `/devices/${id}/events`,
          event.type === 'VALIDATE_SANITIZATION' ? who.validatorKey : who.key,
          event,
        );
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (r.status !== 200) errors++;
      }
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: clients }, worker));
  const elapsed = (Date.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    tps: latencies.length / elapsed,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    requests: latencies.length,
    errors,
    used: next,
  };
}

// ---------- 2. the same transaction in pgbench ----------
const PGBENCH_SCRIPT = `\\set n random(1, :units)
BEGIN;
SELECT d.id AS did, l.id AS lid, l.version AS ver, l.last_seq AS seq, l.last_hash AS prev, l.snapshot::text AS snap
  FROM bench_units b JOIN devices d ON d.id = b.device_id JOIN lifecycles l ON l.id = d.current_lifecycle_id
 WHERE b.n = :n FOR UPDATE OF d, l \\gset
UPDATE lifecycles SET state = 'processing', snapshot = :snap::jsonb, version = version + 1, last_seq = :seq + 1,
       last_hash = md5(random()::text) || md5(random()::text), ended_at = NULL
 WHERE id = :lid::uuid AND version = :ver;
INSERT INTO audit_events (device_id, lifecycle_id, seq, event_type, payload, from_state, to_state, actor, request_id, machine_version, occurred_at, prev_hash, hash)
VALUES (:did::uuid, :lid::uuid, :seq + 1, 'GRADE', '{"grade":"A"}', 'processing', 'processing',
        '{"keyId":"00000000-0000-4000-8000-000000000000","userId":"00000000-0000-4000-8000-000000000000","organisationId":"00000000-0000-4000-8000-000000000000","role":"admin"}',
        'bench', 'unit-lifecycle@1', now(), :prev, md5(random()::text) || md5(random()::text));
COMMIT;
`;

function pgbench(url, clients, seconds, units, work) {
  const script = join(work, 'transition.sql');
  writeFileSync(script, PGBENCH_SCRIPT);
  const logDir = mkdtempSync(join(work, 'pgbench-log-'));
  const result = spawnSync(
    'pgbench',
    [
      '-n',
      '-M',
      'prepared',
      '-c',
      String(clients),
      '-j',
      String(Math.min(clients, cpus().length)),
      '-T',
      String(seconds),
      '-D',
      `units=${units}`,
      '-f',
      script,
      '-l',
      `--log-prefix=${join(logDir, 'tx')}`,
      url,
    ],
    { encoding: 'utf8' },
  );
  if (result.status !== 0) throw new Error(`pgbench failed: ${result.stderr}`);
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(result.stdout)?.[1]);
  const latencies = readdirSync(logDir).flatMap((f) =>
    readFileSync(join(logDir, f), 'utf8')
      .trim()
      .split('\n')
      .map((line) => Number(line.split(' ')[2]) / 1000),
  );
  latencies.sort((a, b) => a - b);
  const failed = Number(/number of failed transactions: (\d+)/.exec(result.stdout)?.[1] ?? 0);
  return { tps, p50: percentile(latencies, 50), p99: percentile(latencies, 99), transactions: latencies.length, failed };
}

// ---------- 3. COPY of the rows a takeback writes ----------
async function copyBaseline(url, who, work, prefix) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const takebackId = randomUUID();
  await client.query(
    `INSERT INTO takebacks (id, customer_organisation_id, custodian_organisation_id, site, created_by_user_id, expected_count) VALUES ($1, $2, $3, 'Bench dock', $4, $5)`,
    [takebackId, who.customerId, who.organisationId, who.userId, UNITS_PER_TAKEBACK],
  );
  await client.end();
  const now = new Date().toISOString();
  const rows = { devices: [], storage_media: [], lifecycles: [], audit_events: [], takeback_items: [] };
  const snapshot = JSON.stringify({
    status: 'active',
    value: 'expected',
    historyValue: {},
    context: {
      entry: 'takeback',
      media: [{ serial: 'M1', status: 'pending', level: null, attempts: 0 }],
      locks: { checked: false, blocking: [] },
      condition: 'untested',
      grade: null,
      certified: false,
      programme: null,
    },
    children: {},
  });
  const csv = (s) => (s === null ? '' : `"${String(s).replace(/"/g, '""')}"`);
  for (let i = 0; i < UNITS_PER_TAKEBACK; i++) {
    const d = unit(i, prefix);
    const deviceId = randomUUID();
    const lifecycleId = randomUUID();
    const hash = createHash('sha256').update(deviceId).digest('hex');
    rows.devices.push([deviceId, d.brand, d.serial, d.model, d.deviceClass, null, lifecycleId].map(csv).join(','));
    rows.storage_media.push([deviceId, 'M1', 'nvme', 'nvme', 512].map(csv).join(','));
    rows.lifecycles.push(
      [lifecycleId, deviceId, 1, takebackId, 'expected', snapshot, 1, 'unit-lifecycle@1', who.organisationId, 'Bench dock', 1, hash, now]
        .map(csv)
        .join(','),
    );
    rows.audit_events.push(
      [
        deviceId,
        lifecycleId,
        1,
        'LIFECYCLE_STARTED',
        JSON.stringify({
          input: { mediaSerials: ['M1'], entry: 'takeback' },
          takebackId,
          custodianOrganisationId: who.organisationId,
          site: 'Bench dock',
          number: 1,
        }),
        null,
        'expected',
        JSON.stringify({ keyId: randomUUID(), userId: who.userId, organisationId: who.organisationId, role: 'admin' }),
        'bench',
        'unit-lifecycle@1',
        now,
        null,
        hash,
      ]
        .map(csv)
        .join(','),
    );
    rows.takeback_items.push([takebackId, deviceId, true].map(csv).join(','));
  }
  const columns = {
    devices: '(id, brand, serial, model, device_class, asset_tag, current_lifecycle_id)',
    storage_media: '(device_id, serial, media_type, interface, capacity_gb)',
    lifecycles:
      '(id, device_id, number, takeback_id, state, snapshot, version, machine_version, custodian_organisation_id, site, last_seq, last_hash, started_at)',
    audit_events:
      '(device_id, lifecycle_id, seq, event_type, payload, from_state, to_state, actor, request_id, machine_version, occurred_at, prev_hash, hash)',
    takeback_items: '(takeback_id, device_id, on_manifest)',
  };
  const lines = ['BEGIN;'];
  for (const table of Object.keys(rows)) {
    const file = join(work, `${prefix}-${table}.csv`);
    writeFileSync(file, rows[table].join('\n') + '\n');
    lines.push(`\\copy ${table} ${columns[table]} FROM '${file}' WITH (FORMAT csv)`);
  }
  lines.push('COMMIT;');
  const sql = join(work, `${prefix}-copy.sql`);
  writeFileSync(sql, lines.join('\n'));
  const started = process.hrtime.bigint();
  const result = spawnSync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-f', sql, url], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`COPY failed: ${result.stderr}`);
  return ms;
}

// ---------- run ----------
async function main() {
  const work = mkdtempSync(join(tmpdir(), 'recert-bench-'));
  const db = await database();
  log(`database: ${db.kind}`);
  const service = await startService(db.url);
  const results = {
    when: new Date().toISOString(),
    database: db.kind,
    seconds: SECONDS,
    cpus: cpus().length,
    takeback: {},
    transitions: [],
  };
  try {
    const who = await setup(service.port);

    // 3. takeback vs COPY (first, on an almost empty database, alternating)
    const takebackMs = [];
    const copyMs = [];
    for (let r = 0; r < REPS; r++) {
      takebackMs.push((await takeback(service.port, who, `TB${r}X`)).ms);
      copyMs.push(await copyBaseline(db.url, who, work, `CP${r}X`));
    }
    results.takeback = {
      units: UNITS_PER_TAKEBACK,
      httpMs: median(takebackMs),
      copyMs: median(copyMs),
      ratio: median(copyMs) / median(takebackMs),
      runsMs: takebackMs,
      copyRunsMs: copyMs,
    };

    // Units for the transition runs (each HTTP run walks fresh units) and for pgbench.
    const perRun = [];
    for (const clients of CLIENTS) {
      const ids = [];
      for (let k = 0; k < 3; k++) {
        const t = await takeback(service.port, who, `H${clients}${k}X`);
        const c = new pg.Client({ connectionString: db.url });
        await c.connect();
        ids.push(
          ...(await c.query(`SELECT device_id FROM takeback_items WHERE takeback_id = $1 ORDER BY device_id`, [t.id])).rows.map(
            (r) => r.device_id,
          ),
        );
        await c.end();
      }
      perRun.push(ids);
    }
    const pgbenchUnits = await takeback(service.port, who, 'PGB');
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    await c.query(
      `CREATE TABLE bench_units AS SELECT row_number() OVER (ORDER BY device_id)::int AS n, device_id FROM takeback_items WHERE takeback_id = $1`,
      [pgbenchUnits.id],
    );
    await c.query(`CREATE UNIQUE INDEX ON bench_units (n)`);
    await c.query(`VACUUM ANALYZE`);
    await c.end();

    for (const [i, clients] of CLIENTS.entries()) {
      let before = cpuSnapshot();
      const raw = pgbench(db.url, clients, SECONDS, UNITS_PER_TAKEBACK, work);
      raw.cpu = cpuPerTx(before, cpuSnapshot(), raw.transactions);
      before = cpuSnapshot(service.pid);
      const app = await driveHttp(service.port, who, perRun[i], clients, SECONDS);
      app.cpu = cpuPerTx(before, cpuSnapshot(service.pid), app.requests);
      results.transitions.push({ clients, app, raw, ratio: app.tps / raw.tps });
    }
  } finally {
    await service.stop();
    await db.stop();
    rmSync(work, { recursive: true, force: true });
  }

  const f = (x, d = 0) => Number(x).toFixed(d);
  console.log(`Recert lifecycle benchmark — ${results.when}, ${results.cpus} CPUs, database: ${results.database}, ${SECONDS} s per run`);
  console.log('');
  console.log('transitions: POST /devices/:id/events (RECEIVE → … → SELL per unit) vs pgbench -M prepared of the same transaction');
  console.log('clients | app tx/s | app p50 ms | app p99 ms | app errors | pgbench tx/s | pgbench p50 ms | pgbench p99 ms | app / raw');
  for (const r of results.transitions) {
    console.log(
      `${String(r.clients).padStart(7)} | ${f(r.app.tps).padStart(8)} | ${f(r.app.p50, 2).padStart(10)} | ${f(r.app.p99, 2).padStart(10)} | ${String(r.app.errors).padStart(10)} | ${f(r.raw.tps).padStart(12)} | ${f(r.raw.p50, 2).padStart(14)} | ${f(r.raw.p99, 2).padStart(14)} | ${f(r.ratio, 2).padStart(9)}`,
    );
  }
  console.log('');
  console.log('CPU per transaction, µs: app = service | postgres | load generator | whole machine; pgbench = whole machine');
  console.log('(pgbench backends exit before they can be counted alone, so only the machine total is given for it)');
  for (const r of results.transitions) {
    const c = (x) => `${f(x.serviceUs)} | ${f(x.postgresUs)} | ${f(x.loadGeneratorUs)} | ${f(x.machineUs)}`;
    console.log(`  ${r.clients} clients — app: ${c(r.app.cpu)};  pgbench: ${f(r.raw.cpu.machineUs)}`);
  }
  console.log('');
  const t = results.takeback;
  console.log(
    `takeback of ${t.units} units: POST /takebacks ${f(t.httpMs)} ms (median of ${REPS}: ${t.runsMs.map((x) => f(x)).join(', ')}) vs COPY of the same rows ${f(t.copyMs)} ms (${t.copyRunsMs.map((x) => f(x)).join(', ')}): rate ratio app / COPY ${f(t.ratio, 2)}`,
  );
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results', `lifecycle-${Date.now()}.json`), JSON.stringify(results, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
