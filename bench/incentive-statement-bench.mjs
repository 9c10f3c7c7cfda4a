#!/usr/bin/env node
/**
 * Statement build time for a partner with UNITS qualifying units (prints figures; not a test).
 * npm run build first; DATABASE_URL (the schema owner) or a throw-away embedded cluster.
 * The trail is seeded by SQL, not through the API (100,000 sales through the command pipeline would take an hour):
 * UNITS devices, each with one lifecycle and one SELL entry recorded last month by the partner under its licence.
 * Then POST /incentives/:id/claims is timed: one claim, RUNS fresh programmes (each claim builds its statement anew).
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { call, database, startService } from './support.mjs';

const require = createRequire(import.meta.url);
const { Client } = require('pg');
const UNITS = Number(process.env.UNITS ?? 100_000);
const RUNS = Number(process.env.RUNS ?? 3);

const db = await database();
const service = await startService(db.url, { RECERT_RATE_LIMIT: '1000000' });
const sql = new Client({ connectionString: db.url });
await sql.connect();
try {
  const org = async (kind, extra = {}) =>
    (await call(service.base, 'POST', '/organisations', { body: { name: `bench ${kind} ${Date.now()}`, kind, ...extra } })).body.id;
  const user = async (organisationId, role) => {
    const u = await call(service.base, 'POST', '/users', {
      body: { organisationId, email: `${role}.${crypto.randomUUID()}@bench.invalid`, name: role, role },
    });
    const k = await call(service.base, 'POST', `/users/${u.body.id}/api-keys`, { body: { name: 'bench' } });
    return { id: u.body.id, key: k.body.key };
  };
  const oem = await org('oem', { brands: ['HP'] });
  const partner = await org('partner');
  const manager = await user(oem, 'programme_manager');
  const partnerAdmin = await user(partner, 'admin');

  const now = new Date();
  const periodStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  const periodEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const period = `${periodStart.getUTCFullYear()}-${String(periodStart.getUTCMonth() + 1).padStart(2, '0')}`;

  const seeding = performance.now();
  await sql.query('BEGIN');
  const licence = (
    await sql.query(
      `INSERT INTO licences (oem_organisation_id, partner_organisation_id, programme) VALUES ($1, $2, 'bench') RETURNING id`,
      [oem, partner],
    )
  ).rows[0].id;
  await sql.query(
    `INSERT INTO licence_versions (licence_id, version, status, valid_from, valid_to, terms, created_by_user_id)
     VALUES ($1, 1, 'active', $2, $3, '{}', $4)`,
    [licence, new Date(periodStart.getTime() - 86_400_000), new Date(now.getTime() + 365 * 86_400_000), manager.id],
  );
  const prefix = randomBytes(4).toString('hex').toUpperCase();
  await sql.query(
    `WITH d AS (
       INSERT INTO devices (brand, serial, model, device_class)
       SELECT 'HP', $1 || lpad(i::text, 7, '0'), 'EliteBook 840 G9', 'notebook' FROM generate_series(1, $2) i RETURNING id),
     l AS (
       INSERT INTO lifecycles (device_id, number, state, snapshot, version, machine_version, custodian_organisation_id, site, last_seq, last_hash, started_at)
       SELECT id, 1, 'sold', '{"context":{"grade":"A"}}', 1, 'bench', $3, 'Bench dock', 1, md5(id::text) || md5(id::text), $4 FROM d RETURNING id, device_id)
     INSERT INTO audit_events (device_id, lifecycle_id, seq, event_type, payload, from_state, to_state, actor, machine_version, occurred_at, prev_hash, hash, licence_decision)
     SELECT device_id, id, 1, 'SELL', '{"market":"FR","buyer":"B","orderReference":"SO"}', 'listed', 'sold',
            jsonb_build_object('organisationId', $3::text, 'userId', $5::text), 'bench',
            $4::timestamptz + (random() * interval '27 days'), NULL, md5(id::text) || md5(device_id::text),
            jsonb_build_object('licenceId', $6::text, 'version', 1, 'capability', 'SELL_UNDER_BRAND', 'allowed', true)
       FROM l`,
    [prefix, UNITS, partner, periodStart, partnerAdmin.id, licence],
  );
  await sql.query('COMMIT');
  await sql.query('ANALYZE audit_events');
  console.log(`seeded ${UNITS} devices, lifecycles and SELL entries by SQL in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

  const [{ total }] = (await sql.query('SELECT count(*)::int AS total FROM audit_events')).rows;
  console.log(`audit_events holds ${total} entries in all`);
  for (let run = 1; run <= RUNS; run++) {
    const programme = await call(service.base, 'POST', '/incentives', {
      key: manager.key,
      body: {
        code: `bench-${prefix.toLowerCase()}-${run}`,
        name: 'Bench rebate',
        qualifyingEvents: ['certified_sale'],
        period: 'monthly',
        rule: {
          kind: 'tiered',
          amount: '5.00',
          tiers: [
            { minUnits: 0, multiplier: '1.0' },
            { minUnits: 50, multiplier: '1.2' },
            { minUnits: 200, multiplier: '1.5' },
          ],
        },
        currency: 'EUR',
        claimWindowDays: 365,
        clawbackWindowDays: 90,
        reversingEvents: ['refund'],
        effectiveFrom: periodStart.toISOString(),
      },
    });
    if (programme.status !== 201) throw new Error(`programme: ${programme.status} ${JSON.stringify(programme.body)}`);
    const claim = await call(service.base, 'POST', `/incentives/${programme.body.id}/claims`, { key: partnerAdmin.key, body: { period } });
    if (claim.status !== 201) throw new Error(`claim: ${claim.status} ${JSON.stringify(claim.body)}`);
    console.log(
      `run ${run}: POST /incentives/:id/claims for ${period} → ${claim.body.qualifyingUnits} qualifying lines, ` +
        `${claim.body.arithmetic.split(';')[0]}, built and stored in ${claim.ms.toFixed(0)} ms`,
    );
  }
  const plan = (
    await sql.query(
      `EXPLAIN SELECT a.id FROM audit_events a WHERE a.actor->>'organisationId' = $1::text AND a.event_type = ANY('{SELL}'::text[]) AND a.occurred_at >= $2 AND a.occurred_at < $3`,
      [crypto.randomUUID(), periodStart, periodEnd],
    )
  ).rows
    .map((r) => r['QUERY PLAN'])
    .join('\n');
  // Here every entry is the partner's, so its own range is the whole table (a sequential scan is right); for any
  // other recorder the range is a slice of the index.
  console.log(`plan of the candidate range for another recorder:\n${plan}`);
} finally {
  await sql.end();
  await service.stop();
  await db.stop();
}
