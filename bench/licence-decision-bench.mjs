#!/usr/bin/env node
/**
 * What a licence decision adds to each partner command (prints figures; not a test).
 *   npm run bench:licence
 * 1. decide() / decideAmong() in memory, per call.
 * 2. The SQL the command pipeline adds inside its transaction: the partner's licences (every event), and
 *    for a quota'd capability (CERTIFY) the counter row lock and count — on a real PostgreSQL.
 */
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const root = resolve(import.meta.dirname, '..');
const { decide, decideAmong } = require(join(root, 'dist/apps/api/libs/licensing/src/index.js'));
const pg = require('pg');

const licence = (i) => ({
  licenceId: `L${i}`,
  version: 1,
  status: 'active',
  validFrom: '2026-01-01T00:00:00Z',
  validTo: '2027-12-31T00:00:00Z',
  scope: { brands: [i === 0 ? 'hp' : `brand${i}`], deviceClasses: ['notebook', 'desktop'], markets: ['FR', 'BE', 'DE'] },
  capabilities: ['RECEIVE', 'SANITIZE', 'TEST', 'REPAIR', 'GRADE', 'CERTIFY'],
  quotas: [{ capability: 'CERTIFY', perMonth: 1000 }],
  survivesTermination: [],
});
const unit = { brand: 'hp', deviceClass: 'notebook', model: 'EliteBook 840', market: 'FR', alreadySold: false };
const at = new Date('2026-11-23T00:00:00Z');

function perCall(fn, n = 200_000) {
  for (let i = 0; i < 20_000; i++) fn();
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - t0) / 1e3 / n;
}

async function sqlCost(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const org = randomUUID();
  await c.query(`INSERT INTO organisations (id, name, kind) VALUES ($1, 'bench partner', 'partner'), ($2, 'bench oem', 'oem')`, [
    org,
    randomUUID(),
  ]);
  const oem = (await c.query(`SELECT id FROM organisations WHERE name = 'bench oem' ORDER BY created_at DESC LIMIT 1`)).rows[0].id;
  const user = randomUUID();
  await c.query(`INSERT INTO users (id, organisation_id, email, name, role) VALUES ($1, $2, $3, 'b', 'admin')`, [
    user,
    org,
    `${user}@bench.invalid`,
  ]);
  const licenceId = randomUUID();
  await c.query(`INSERT INTO licences (id, oem_organisation_id, partner_organisation_id, programme) VALUES ($1, $2, $3, 'bench')`, [
    licenceId,
    oem,
    org,
  ]);
  await c.query(
    `INSERT INTO licence_versions (licence_id, version, status, valid_from, valid_to, terms, created_by_user_id) VALUES ($1, 1, 'active', now() - interval '1 day', now() + interval '1 year', $2, $3)`,
    [
      licenceId,
      JSON.stringify({
        scope: licence(0).scope,
        capabilities: licence(0).capabilities,
        quotas: licence(0).quotas,
        survivesTermination: [],
      }),
      user,
    ],
  );
  const time = async (label, fn, n = 3000) => {
    for (let i = 0; i < 300; i++) await fn();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < n; i++) await fn();
    return [label, Number(process.hrtime.bigint() - t0) / 1e3 / n];
  };
  const licences = () =>
    c.query({
      name: 'l',
      text: `SELECT DISTINCT ON (v.licence_id) v.licence_id, v.version, v.status, v.valid_from, v.valid_to, v.terms FROM licences l JOIN licence_versions v ON v.licence_id = l.id WHERE l.partner_organisation_id = $1 ORDER BY v.licence_id, v.version DESC`,
      values: [org],
    });
  const quota = async () => {
    await c.query('BEGIN');
    await c.query({
      name: 'q1',
      text: `INSERT INTO licence_quota_usage (licence_id, capability, brand, period, used) VALUES ($1, 'CERTIFY', 'hp', '2026-11', 0) ON CONFLICT DO NOTHING`,
      values: [licenceId],
    });
    await c.query({
      name: 'q2',
      text: `SELECT used FROM licence_quota_usage WHERE licence_id = $1 AND capability = 'CERTIFY' AND brand = 'hp' AND period = '2026-11' FOR UPDATE`,
      values: [licenceId],
    });
    await c.query({
      name: 'q3',
      text: `UPDATE licence_quota_usage SET used = used + 1 WHERE licence_id = $1 AND capability = 'CERTIFY' AND brand = 'hp' AND period = '2026-11'`,
      values: [licenceId],
    });
    await c.query('ROLLBACK');
  };
  const empty = async () => {
    await c.query('BEGIN');
    await c.query('ROLLBACK');
  };
  const rows = [
    await time('partner licences query (every partner event)', licences),
    await time('quota lock + count, with BEGIN/ROLLBACK', quota),
    await time('BEGIN/ROLLBACK alone', empty),
  ];
  await c.end();
  return rows;
}

async function main() {
  console.log('licence decision cost');
  console.log(`  decide(), one licence:            ${perCall(() => decide(licence(0), 'GRADE', unit, at)).toFixed(2)} µs`);
  const five = [1, 2, 3, 4, 0].map(licence);
  console.log(
    `  decideAmong(), five licences:     ${perCall(() => decideAmong(five, 'CERTIFY', unit, at, () => ({ CERTIFY: 10 }))).toFixed(2)} µs`,
  );
  let stop = async () => {};
  let url = process.env.DATABASE_URL;
  if (!url) {
    const { startEmbeddedCluster } = require(join(root, 'dist/apps/api/apps/api/src/database/embedded-postgres.js'));
    const cluster = await startEmbeddedCluster();
    url = cluster.url;
    stop = () => cluster.stop();
  }
  try {
    const { DataSource } = require('typeorm');
    const { dataSourceOptions } = require(join(root, 'dist/apps/api/apps/api/src/database/data-source-options.js'));
    const ds = new DataSource(dataSourceOptions(url, 1));
    await ds.initialize();
    await ds.runMigrations();
    await ds.destroy();
    for (const [label, us] of await sqlCost(url)) console.log(`  ${label.padEnd(44)} ${us.toFixed(0)} µs per call (one client)`);
  } finally {
    await stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
