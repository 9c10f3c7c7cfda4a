/**
 * Every read route the scale benchmark measures, one line each (plus, where there is one, the SQL the route runs,
 * for EXPLAIN). A route another change adds is one more line; a route this build does not have (404, or 400 for an
 * unknown filter) is skipped with a note. `paths` gives the URLs the requests cycle through; `key` who asks.
 *
 * The lists' SQL is built by the service's own query builders (device-list.query, takeback-list.query,
 * handoff-list.query, compiled), so the plans printed are of exactly what `GET /devices`, `/takebacks` and
 * `/handoffs` run. The point reads' and the usage report's SQL mirror their repositories
 * (devices/device-read.repository.ts, audit/history.repository.ts, takebacks/takeback.repository.ts,
 * licences/licence.repository.ts): keep those in step when they change.
 */
import { createRequire } from 'node:module';
import { root } from '../support.mjs';

const require = createRequire(import.meta.url);
const compiled = (path) => require(`${root}/dist/apps/api/apps/api/src/${path}`);
const { deviceListQuery, DEVICE_COLUMNS } = compiled('devices/device-list.query.js');
const { takebackListQuery } = compiled('takebacks/takeback-list.query.js');
const { handoffListQuery } = compiled('custody/handoff-list.query.js');
const { reportStatements } = compiled('carbon/carbon-report.repository.js');

const VISIBLE = `($2::uuid IS NULL OR l.custodian_organisation_id = $2
    OR EXISTS (SELECT 1 FROM organisation_brands ob WHERE ob.organisation_id = $2 AND ob.brand = d.brand)
    OR EXISTS (SELECT 1 FROM takeback_items ti JOIN takebacks t ON t.id = ti.takeback_id WHERE ti.device_id = d.id AND t.customer_organisation_id = $2))`;
const PAGE = 50;
/** A query builder's `{ text, values }` as the plan step takes it. */
const carbonReport = (subject, range) => Object.values(reportStatements(subject, range)).map(explained);
const thisYear = () => new Date().getUTCFullYear();
const yearRange = (year) => ({ from: `${year}-01-01T00:00:00.000Z`, to: `${year + 1}-01-01T00:00:00.000Z` });
/** The carbon report route of a subject, this year (a takeback's has no period), and its three statements' plans. */
const CARBON_PATHS = {
  customer: (id) => `/carbon/reports/customers/${id}?year=${thisYear()}`,
  takeback: (id) => `/carbon/reports/takebacks/${id}`,
  partner: (id) => `/carbon/reports/partners/${id}?year=${thisYear()}`,
  programme: (id, range) => `/carbon/reports/programmes/${id}?from=${range.from}&to=${range.to}`,
};
const carbonRoute = (name, user, subjectOf) => {
  const rangeOf = (subject) => (subject.by === 'takeback' ? null : yearRange(thisYear()));
  return {
    name,
    kind: 'report',
    key: (c) => c.f[user].key,
    paths: (c) => {
      const subject = subjectOf(c);
      return [CARBON_PATHS[subject.by](subject.id, rangeOf(subject))];
    },
    explain: (c) => carbonReport(subjectOf(c), rangeOf(subjectOf(c))),
  };
};
const explained = ({ text, values }) => ({ sql: text, params: values });
const devices = (filter, organisationId) => explained(deviceListQuery(filter, { organisationId }, undefined, PAGE + 1));
const monthStart = () => new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
const hourStart = () => new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);

/**
 * `explain` gives the route's statement, or its statements in order (a report that runs several); `pool: 'reports'`
 * marks a route served by the report pool (its plans are explained under that pool's settings).
 * @type {Array<{ name: string, kind: 'floor'|'point'|'list'|'report', key: (c) => string, paths: (c) => Promise<string[]>|string[], explain?: (c) => { sql: string, params: unknown[] } | Array<{ sql: string, params: unknown[] }> }>}
 */
export const ROUTES = [
  { name: 'GET /me (floor)', kind: 'floor', key: (c) => c.f.centreAdmin.key, paths: () => ['/me'] },
  { name: 'GET /metrics (floor, admin)', kind: 'floor', key: (c) => c.adminKey, paths: () => ['/metrics'] },
  {
    name: 'GET /devices/:id',
    kind: 'point',
    key: (c) => c.f.centreAdmin.key,
    paths: (c) => c.sample.map((id) => `/devices/${id}`),
    explain: (c) => ({
      sql: `SELECT ${DEVICE_COLUMNS} FROM devices d JOIN lifecycles l ON l.id = d.current_lifecycle_id WHERE d.id = $1 AND ${VISIBLE}`,
      params: [c.sample[0], c.f.orgs.centre],
    }),
  },
  {
    name: 'GET /devices/:id/history',
    kind: 'point',
    key: (c) => c.f.centreAdmin.key,
    paths: (c) => c.sample.map((id) => `/devices/${id}/history`),
    explain: (c) => ({
      sql: `SELECT a.device_id, a.lifecycle_id, a.seq, a.event_type, a.payload, a.from_state, a.to_state, a.actor, a.request_id, a.machine_version,
              a.occurred_at, a.prev_hash, a.hash, a.licence_decision, l.number
         FROM audit_events a JOIN lifecycles l ON l.id = a.lifecycle_id
        WHERE a.device_id = $1 AND ($2::int IS NULL OR (l.number, a.seq) > ($2::int, $3::int)) ORDER BY l.number, a.seq LIMIT $4`,
      params: [c.sample[0], null, null, 100],
    }),
  },
  {
    name: 'GET /devices/:id/history/verify',
    kind: 'point',
    key: (c) => c.f.centreAdmin.key,
    paths: (c) => c.sample.map((id) => `/devices/${id}/history/verify`),
  },
  {
    name: 'list state=received&brand=Dell',
    kind: 'list',
    key: (c) => c.adminKey,
    paths: () => [`/devices?state=received&brand=Dell&limit=${PAGE}`],
    explain: () => devices({ states: ['received'], brand: 'dell' }, null),
  },
  {
    name: 'list state=processing&brand=HP',
    kind: 'list',
    key: (c) => c.adminKey,
    paths: () => [`/devices?state=processing&brand=HP&limit=${PAGE}`],
    explain: () => devices({ states: ['processing'], brand: 'hp' }, null),
  },
  {
    name: 'list as the partner (its 1,000 units), 20 pages',
    kind: 'list',
    key: (c) => c.f.partnerAdmin.key,
    paths: (c) => c.pages(`/devices?limit=${PAGE}`, c.f.partnerAdmin.key, 20),
    explain: (c) => devices({}, c.f.orgs.partner),
  },
  {
    name: 'list as the centre (most units), 20 pages',
    kind: 'list',
    key: (c) => c.f.centreAdmin.key,
    paths: (c) => c.pages(`/devices?limit=${PAGE}`, c.f.centreAdmin.key, 20),
    explain: (c) => devices({}, c.f.orgs.centre),
  },
  {
    name: 'list as the customer (every unit handed back), 20 pages',
    kind: 'list',
    key: (c) => c.f.customerAdmin.key,
    paths: (c) => c.pages(`/devices?limit=${PAGE}`, c.f.customerAdmin.key, 20),
    explain: (c) => devices({}, c.f.orgs.customer),
  },
  {
    name: 'list as the OEM, state=received (its brands)',
    kind: 'list',
    key: (c) => c.f.oem.key,
    paths: () => [`/devices?state=received&limit=${PAGE}`],
    explain: (c) => devices({ states: ['received'] }, c.f.orgs.oem),
  },
  {
    name: 'list as the partner, brand=HP&state=processing',
    kind: 'list',
    key: (c) => c.f.partnerAdmin.key,
    paths: () => [`/devices?brand=HP&state=processing&limit=${PAGE}`],
    explain: (c) => devices({ brand: 'hp', states: ['processing'] }, c.f.orgs.partner),
  },
  {
    name: 'search q=<serial prefix>',
    kind: 'list',
    key: (c) => c.adminKey,
    paths: () => [`/devices?q=SC0000123&limit=${PAGE}`],
    explain: () => devices({ q: 'SC0000123' }, null),
  },
  {
    name: 'search q=<serial> as the partner',
    kind: 'list',
    key: (c) => c.f.partnerAdmin.key,
    paths: () => [`/devices?q=API&limit=${PAGE}`],
    explain: (c) => devices({ q: 'API' }, c.f.orgs.partner),
  },
  {
    name: 'GET /takebacks as the centre',
    kind: 'list',
    key: (c) => c.f.centreAdmin.key,
    paths: () => [`/takebacks?limit=${PAGE}`],
    explain: (c) => explained(takebackListQuery({}, c.f.orgs.centre, undefined, PAGE + 1)),
  },
  {
    name: 'GET /handoffs as the centre',
    kind: 'list',
    key: (c) => c.f.centreAdmin.key,
    paths: () => [`/handoffs?limit=${PAGE}`],
    explain: (c) => explained(handoffListQuery({}, c.f.orgs.centre, undefined, PAGE + 1)),
  },
  {
    name: 'takeback reconciliation (10,000 units)',
    kind: 'report',
    key: (c) => c.f.centreAdmin.key,
    paths: (c) => [`/takebacks/${c.bulkTakebackId}`],
    explain: (c) => ({
      sql: `SELECT ti.device_id, d.brand, d.serial, ti.on_manifest, ti.received_at IS NOT NULL AS received
              FROM takeback_items ti JOIN devices d ON d.id = ti.device_id
             WHERE ti.takeback_id = $1 AND (ti.received_at IS NULL) = ti.on_manifest ORDER BY d.brand, d.serial`,
      params: [c.bulkTakebackId],
    }),
  },
  {
    name: 'GET /licences/:id/usage',
    kind: 'report',
    pool: 'reports', // runs on the report pool, whose connections keep parallel plans
    key: (c) => c.f.oem.key,
    paths: (c) => [`/licences/${c.f.licenceId}/usage`],
    explain: (c) => ({
      sql: `SELECT key, sum(n)::int AS count FROM (
              SELECT capability AS key, handled AS n FROM licence_usage_hourly WHERE licence_id = $1 AND hour >= $2 AND hour < $3
              UNION ALL
              SELECT licence_decision->>'capability', 1 FROM audit_events
               WHERE licence_decision IS NOT NULL AND licence_decision->>'licenceId' = $1::text
                 AND ((occurred_at >= $4 AND occurred_at < $5) OR (occurred_at >= $6 AND occurred_at < $7))
            ) counted GROUP BY key ORDER BY key`,
      params: [c.f.licenceId, monthStart(), hourStart(), hourStart(), new Date(), new Date(0), new Date(0)],
    }),
  },
  carbonRoute('carbon report of the customer (this year)', 'customerAdmin', (c) => ({ by: 'customer', id: c.f.orgs.customer })),
  carbonRoute('carbon report of a takeback (10,000 units)', 'centreAdmin', (c) => ({ by: 'takeback', id: c.bulkTakebackId })),
  carbonRoute('carbon baseline of the centre (this year)', 'centreAdmin', (c) => ({ by: 'partner', id: c.f.orgs.centre })),
  {
    // No route asks this of a partner (its baseline is by year), but a programme report over two years runs this
    // statement; the seeded programme certifies nothing, so its plan is shown on the centre's memberships instead.
    name: 'plan only: units over two years (distinct), on the centre’s memberships',
    kind: 'report',
    key: (c) => c.f.centreAdmin.key,
    paths: () => [],
    explain: (c) =>
      carbonReport({ by: 'partner', id: c.f.orgs.centre }, { from: `${thisYear() - 1}-01-01T00:00:00.000Z`, to: yearRange(thisYear()).to }),
  },
  carbonRoute('carbon report of the programme (this year)', 'oem', (c) => ({ by: 'programme', id: c.f.programmeId })),
];

/** Tables whose sequential scan on a request path fails the benchmark. */
export const LARGE_TABLES = ['lifecycles', 'devices', 'audit_events'];
