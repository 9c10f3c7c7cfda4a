/**
 * Builds the scale benchmark's data, in two honest parts:
 * 1. through the API (real takebacks and real events, licence decisions included): the fixture organisations, a
 *    licence, and API_UNITS units — half a centre's, half a partner's — each taken to one of three shapes;
 * 2. by SQL (COPY) for the bulk: copies of the centre's API-made trails under new unit, lifecycle and takeback ids,
 *    new times and serials, each hash chain recomputed with the project's own audit hashing (libs/audit), so
 *    every copied trail verifies (hash chain and machine replay) like the originals.
 * Re-running with a larger UNITS adds only the missing units; the same size finds everything in place.
 */
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { call, root } from '../support.mjs';

const require = createRequire(import.meta.url);
const { from: copyFrom } = require('pg-copy-streams');
const { ADD_TO_TOTALS_SQL } = require(`${root}/dist/apps/api/apps/api/src/carbon/carbon.repository.js`);

const DAY = 86_400_000;
const CHUNK = 10_000;
const BRANDS = [
  { brand: 'HP', model: 'EliteBook 840 G9' },
  { brand: 'Dell', model: 'Latitude 7440' },
  { brand: 'Lenovo', model: 'ThinkPad T14 Gen 3' },
];
const LOCK_CHECK = { type: 'LOCK_CHECK', locks: [{ kind: 'bios_password', status: 'clear' }] };
export const FIXTURE = { oem: 'Scale OEM', centre: 'Scale Centre', customer: 'Scale Customer', partner: 'Scale Partner' };

/** The fixture's organisations, users and fresh keys; created through the API the first time. */
export async function fixture(base, db) {
  const found = await db.query(`SELECT name, id FROM organisations WHERE name = ANY($1)`, [Object.values(FIXTURE)]);
  const orgs = Object.fromEntries(found.rows.map((r) => [r.name, r.id]));
  const created = !orgs[FIXTURE.centre];
  if (created) {
    const org = async (name, kind, extra = {}) => (await must(base, 'POST', '/organisations', { name, kind, ...extra })).id;
    orgs[FIXTURE.oem] = await org(FIXTURE.oem, 'oem', { brands: BRANDS.map((b) => b.brand) });
    orgs[FIXTURE.centre] = await org(FIXTURE.centre, 'refurbishment_centre');
    orgs[FIXTURE.customer] = await org(FIXTURE.customer, 'customer');
    orgs[FIXTURE.partner] = await org(FIXTURE.partner, 'partner');
    for (const worker of [FIXTURE.centre, FIXTURE.partner])
      await must(base, 'PUT', `/organisations/${orgs[worker]}/customers/${orgs[FIXTURE.customer]}`);
  }
  const user = async (organisation, role) => {
    const existing = await db.query(`SELECT id FROM users WHERE organisation_id = $1 AND role = $2 ORDER BY created_at LIMIT 1`, [
      orgs[organisation],
      role,
    ]);
    const id =
      existing.rows[0]?.id ??
      (
        await must(base, 'POST', '/users', {
          organisationId: orgs[organisation],
          email: `${role}.${randomUUID()}@scale.invalid`,
          name: role,
          role,
        })
      ).id;
    return { id, key: (await must(base, 'POST', `/users/${id}/api-keys`, { name: 'bench:scale' })).key };
  };
  const f = {
    orgs,
    oem: await user(FIXTURE.oem, 'programme_manager'),
    oemAuditor: await user(FIXTURE.oem, 'auditor'),
    centreAdmin: await user(FIXTURE.centre, 'admin'),
    technician: await user(FIXTURE.centre, 'technician'),
    partnerAdmin: await user(FIXTURE.partner, 'admin'),
    customerAdmin: await user(FIXTURE.customer, 'admin'),
  };
  if (created) {
    await must(base, 'POST', '/programmes', { code: 'scale-renew', ...programmeTerms() }, f.oem.key);
    await must(
      base,
      'POST',
      '/licences',
      {
        partnerOrganisationId: orgs[FIXTURE.partner],
        programme: 'scale-renew',
        status: 'active',
        validFrom: new Date(Date.now() - 30 * DAY).toISOString(),
        validTo: new Date(Date.now() + 365 * DAY).toISOString(),
        scope: { brands: ['HP'], deviceClasses: ['notebook'], markets: ['FR'] },
        capabilities: ['RECEIVE', 'SANITIZE', 'TEST', 'REPAIR', 'GRADE', 'CERTIFY'],
      },
      f.oem.key,
    );
  }
  const [licence] = (await db.query(`SELECT id FROM licences WHERE partner_organisation_id = $1`, [orgs[FIXTURE.partner]])).rows;
  const [programme] = (
    await db.query(`SELECT id FROM programmes WHERE code = 'scale-renew' AND oem_organisation_id = $1`, [orgs[FIXTURE.oem]])
  ).rows;
  return { ...f, licenceId: licence.id, programmeId: programme.id, created };
}

/** API_UNITS units through real takebacks and events; the entries-per-unit mix makes the bulk average what was asked. */
export async function seedThroughApi(base, db, f, { apiUnits, entriesPerUnit, log }) {
  const started = performance.now();
  const half = Math.floor(apiUnits / 2);
  const centre = await takeback(base, db, f.centreAdmin.key, f.orgs[FIXTURE.customer], 'Scale dock', null, half, (i) => BRANDS[i % 3]);
  const partner = await takeback(
    base,
    db,
    f.partnerAdmin.key,
    f.orgs[FIXTURE.customer],
    'Partner dock',
    'FR',
    apiUnits - half,
    () => BRANDS[0],
  );
  const { shapes, processingEntries } = shapeMix(entriesPerUnit);
  let calls = 0;
  const work = [
    ...centre.map((id, i) => ({ id, key: f.technician.key, shape: shapes[i % shapes.length] })),
    ...partner.map((id, i) => ({ id, key: f.partnerAdmin.key, shape: shapes[i % shapes.length] })),
  ];
  await inParallel(work, 8, async ({ id, key, shape }) => {
    if (shape === 'expected') return;
    await must(base, 'POST', `/devices/${id}/events`, { type: 'RECEIVE', site: 'Scale dock', sealIntact: true }, key);
    calls++;
    if (shape === 'received') return;
    for (let i = 2; i < processingEntries; i++, calls++) await must(base, 'POST', `/devices/${id}/events`, LOCK_CHECK, key);
  });
  const seconds = (performance.now() - started) / 1000;
  log(`through the API: ${apiUnits} units in 2 takebacks and ${calls} events in ${seconds.toFixed(1)} s`);
}

/** 10 % of units stay in the first states (awaiting receipt, received); the rest are in processing with the remainder. */
function shapeMix(entriesPerUnit) {
  const processingEntries = Math.max(3, Math.round((entriesPerUnit * 20 - 1 - 2) / 18));
  return { shapes: ['expected', 'received', ...Array(18).fill('processing')], processingEntries };
}

async function takeback(base, db, key, customer, site, market, count, model) {
  const ids = [];
  for (let offset = 0; offset < count; offset += 1000) {
    const devices = Array.from({ length: Math.min(1000, count - offset) }, (_, i) => ({
      ...model(offset + i),
      serial: `API${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`,
      deviceClass: 'notebook',
      media: [{ serial: 'M1', type: 'nvme', interface: 'nvme', capacityGb: 512 }],
    }));
    const created = await must(
      base,
      'POST',
      '/takebacks',
      { customerOrganisationId: customer, site, ...(market ? { market } : {}), devices },
      key,
    );
    ids.push(...(await takebackDevices(db, created.id)));
  }
  return ids;
}

/** The units of a takeback, in manifest order (read by SQL: the bench's own lookup, not a measured route). */
async function takebackDevices(db, takebackId) {
  const { rows } = await db.query(`SELECT device_id FROM takeback_items WHERE takeback_id = $1`, [takebackId]);
  return rows.map((r) => r.device_id);
}

/** The centre's API-made units as templates: device, lifecycle, media and trail of each. */
async function templates(db, centreId) {
  const { rows } = await db.query(
    `SELECT d.id, d.brand, d.model, d.device_class, l.state, l.snapshot, l.version, l.machine_version, l.site, l.last_seq, l.takeback_id,
            (SELECT json_agg(json_build_object('serial', m.serial, 'type', m.media_type, 'interface', m.interface, 'capacity', m.capacity_gb))
               FROM storage_media m WHERE m.device_id = d.id) AS media,
            (SELECT json_agg(a ORDER BY a.seq) FROM audit_events a WHERE a.lifecycle_id = l.id) AS trail,
            (SELECT json_agg(c ORDER BY c.audit_seq, c.id) FROM carbon_entries c WHERE c.lifecycle_id = l.id) AS carbon
       FROM devices d JOIN lifecycles l ON l.id = d.current_lifecycle_id
      WHERE l.custodian_organisation_id = $1 AND d.serial LIKE 'API%' ORDER BY d.id LIMIT 200`,
    [centreId],
  );
  if (rows.length === 0) throw new Error('no API-made units to copy: run the API part first');
  return rows;
}

/**
 * The bulk, by COPY: `count` more units copied from the templates, in takebacks of 10,000. A worker thread builds
 * and hashes the next chunk (copy-rows.mjs) while this thread streams the current one to PostgreSQL.
 */
export async function seedBySql(db, f, { count, startIndex, log }) {
  const sources = await templates(db, f.orgs[FIXTURE.centre]);
  const started = performance.now();
  const ids = { customer: f.orgs[FIXTURE.customer], centre: f.orgs[FIXTURE.centre], centreAdmin: f.centreAdmin.id };
  const worker = new Worker(new URL('./copy-rows.worker.mjs', import.meta.url), {
    workerData: { sources, ids, from: Date.now() - 365 * DAY, startIndex, count, chunk: CHUNK },
  });
  const chunks = [];
  let wake = () => {};
  let failure;
  worker.on('message', (chunk) => (chunks.push(chunk), wake()));
  worker.on('error', (error) => ((failure = error), wake()));
  let entries = 0;
  let copying = 0;
  try {
    for (let done = 0; done < count;) {
      while (chunks.length === 0 && !failure) await new Promise((resolve) => (wake = resolve));
      if (failure) throw failure;
      const chunk = chunks.shift();
      worker.postMessage('next');
      const copyStarted = performance.now();
      await db.query('BEGIN');
      for (const [target, text] of chunk.tables) await pipeline(Readable.from([text]), db.query(copyFrom(`COPY ${target} FROM STDIN`)));
      // The copies' carbon figures added to the report summaries by the service's own statement (a trigger counts the units).
      await db.query(ADD_TO_TOTALS_SQL, chunk.totalsParameters);
      await db.query('COMMIT');
      copying += (performance.now() - copyStarted) / 1000;
      done += chunk.units;
      entries += chunk.entries;
      const seconds = (performance.now() - started) / 1000;
      log(
        `  by SQL (COPY): ${done} / ${count} units, ${entries} entries, ${seconds.toFixed(0)} s (${Math.round(entries / seconds)} entries/s; COPY ${copying.toFixed(0)} s)`,
      );
    }
  } finally {
    await worker.terminate();
  }
  // What autovacuum does to a table written over years: hint bits and the visibility map set once, so the first
  // read of the bulk (a verification, a report) does not rewrite every page it touches.
  log('  VACUUM ANALYZE …');
  await db.query('VACUUM ANALYZE');
  return { units: count, entries, seconds: (performance.now() - started) / 1000 };
}

async function inParallel(items, width, work) {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

async function must(base, method, path, body, key) {
  const response = await call(base, method, path, { body, ...(key ? { key } : {}) });
  if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A programme of the OEM's three brands (the licence names it by code). */
const programmeTerms = () => ({
  name: 'Scale Certified Refurbished',
  brands: BRANDS.map((b) => b.brand.toLowerCase()),
  deviceClasses: ['notebook'],
  sanitization: { resale: 'purge', returnToOwner: 'clear' },
  testSuites: { notebook: 'notebook-standard@1' },
  rubric: 'notebook-cosmetic@1',
  rubrics: {},
  certifiableGrades: ['A', 'B', 'C'],
  osLicenceRequired: false,
  markets: [{ market: 'FR', warrantyMonths: 12, extendableToMonths: 36, doaDays: 30 }],
});

/** `options`: session settings, e.g. the service's own (REQUEST_SESSION), so a plan is the one the service gets. */
export const connect = async (url, options) => {
  const client = new pg.Client({ connectionString: url, application_name: 'bench-scale', ...(options ? { options } : {}) });
  await client.connect();
  return client;
};
