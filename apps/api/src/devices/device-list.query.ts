import { Keyset, microsToTimestamp, timestampToMicros } from '../common/keyset-cursor';

/** A list's filters, already checked against their vocabularies (`states` holds stored state names). */
export interface DeviceListFilter {
  /** Case-insensitive substring of the serial, the asset tag or a medium's serial. */
  q?: string;
  serial?: string;
  states?: string[];
  brand?: string;
  deviceClass?: string;
  grade?: string;
  programmeId?: string;
  site?: string;
  custodianId?: string;
  market?: string;
  takebackId?: string;
  donorDeviceId?: string;
  createdFrom?: string;
  createdTo?: string;
  updatedFrom?: string;
  updatedTo?: string;
}

/** `null` organisation = sees every unit. Otherwise: units it holds, units of its brands (an OEM), units it handed back. */
export type ReadScope = { organisationId: string | null };

export interface SqlQuery {
  text: string;
  values: unknown[];
}

/** The grade the machine remembers, as the expression index `lifecycles_grade_idx` holds it. */
export const GRADE_SQL = `(l.snapshot #>> '{context,grade}')`;

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The filters every unit list, search and export shares. Each predicate is written so one index serves it (see
 * the ListsAndSearch migration): the search as `d.id IN (UNION …)` so that each branch uses its own trigram
 * index, instead of an OR across tables that only a scan can answer.
 */
export function deviceConditions(filter: DeviceListFilter, values: unknown[]): string[] {
  const conditions: string[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  if (filter.q !== undefined) {
    const pattern = param(likePattern(filter.q));
    conditions.push(`d.id IN (
        SELECT s1.id FROM devices s1 WHERE s1.serial ILIKE ${pattern}
        UNION SELECT s2.id FROM devices s2 WHERE s2.asset_tag ILIKE ${pattern}
        UNION SELECT m.device_id FROM storage_media m WHERE m.serial ILIKE ${pattern})`);
  }
  if (filter.serial !== undefined) conditions.push(`d.serial = ${param(filter.serial)}`);
  if (filter.brand !== undefined) conditions.push(`d.brand = ${param(filter.brand)}`);
  if (filter.deviceClass !== undefined) conditions.push(`d.device_class = ${param(filter.deviceClass)}`);
  if (filter.states !== undefined) conditions.push(`l.state = ANY(${param(filter.states)}::text[])`);
  if (filter.grade !== undefined) conditions.push(`${GRADE_SQL} = ${param(filter.grade)}`);
  if (filter.programmeId !== undefined) conditions.push(`l.programme_id = ${param(filter.programmeId)}`);
  if (filter.site !== undefined) conditions.push(`l.site = ${param(filter.site)}`);
  if (filter.custodianId !== undefined) conditions.push(`l.custodian_organisation_id = ${param(filter.custodianId)}`);
  if (filter.market !== undefined)
    conditions.push(`l.takeback_id IN (SELECT mt.id FROM takebacks mt WHERE mt.market = ${param(filter.market)})`);
  if (filter.takebackId !== undefined)
    conditions.push(`d.id IN (SELECT tb.device_id FROM takeback_items tb WHERE tb.takeback_id = ${param(filter.takebackId)})`);
  if (filter.donorDeviceId !== undefined) conditions.push(`d.donor_device_id = ${param(filter.donorDeviceId)}`);
  if (filter.createdFrom !== undefined) conditions.push(`d.created_at >= ${param(filter.createdFrom)}`);
  if (filter.createdTo !== undefined) conditions.push(`d.created_at < ${param(filter.createdTo)}`);
  if (filter.updatedFrom !== undefined) conditions.push(`l.updated_at >= ${param(filter.updatedFrom)}`);
  if (filter.updatedTo !== undefined) conditions.push(`l.updated_at < ${param(filter.updatedTo)}`);
  return conditions;
}

/** The keyset condition "after this cursor" on a pair of (time, id) columns, its two values bound once. */
function keysetAfter(after: Keyset, values: unknown[]): (timeColumn: string, idColumn: string) => string {
  values.push(after.micros, after.id);
  const [micros, id] = [`$${values.length - 1}`, `$${values.length}`];
  return (timeColumn, idColumn) => `(${timeColumn}, ${idColumn}) > (${microsToTimestamp(micros)}, ${id}::uuid)`;
}

/**
 * What an organisation sees, as three predicates (units it holds, units of its brands, units it handed back), for
 * queries that need a predicate on `d` (exports ordered otherwise).
 */
const SCOPE_PREDICATES = [
  (org: string) => `l.custodian_organisation_id = ${org}`,
  (org: string) => `d.brand IN (SELECT ob.brand FROM organisation_brands ob WHERE ob.organisation_id = ${org})`,
  (org: string) => `EXISTS (SELECT 1 FROM handed_back_units hb WHERE hb.customer_organisation_id = ${org} AND hb.device_id = d.id)`,
];

const FROM = `devices d JOIN lifecycles l ON l.id = d.current_lifecycle_id`;
const where = (conditions: string[]) => (conditions.length ? `WHERE ${conditions.join(' AND ')}` : '');

export const DEVICE_COLUMNS = `d.id, d.brand, d.serial, d.model, d.device_class, d.asset_tag, d.donor_device_id, l.id AS lifecycle_id, l.number, l.state, l.snapshot, l.version,
  l.machine_version, l.custodian_organisation_id, l.site, l.takeback_id, l.started_at, l.ended_at, l.programme_id, l.programme_version,
  ${timestampToMicros('d.created_at')} AS created_micros`;

/**
 * One page of units in (created time, id) order, after the cursor: exactly what `GET /devices` runs.
 *
 * A scoped page is the union of the first page of each way of seeing a unit, each read in list order from an index
 * made for it, so a page costs about its length whatever the table holds: the units it holds (custodian, in
 * `lifecycles_custodian_list_idx` order; a past lifecycle it held drops out in the join), the units
 * of each of its brands (one walk of `devices_brand_created_idx` per brand, none for an organisation without
 * brands), and the units it handed back (`handed_back_units` in list order). One OR across the three made the
 * planner walk every unit and test each.
 */
export function deviceListQuery(
  filter: DeviceListFilter,
  scope: ReadScope,
  after: Keyset | undefined,
  limit: number,
  select: { columns: string; joins: string } = { columns: DEVICE_COLUMNS, joins: '' },
): SqlQuery {
  const values: unknown[] = [limit];
  const conditions = deviceConditions(filter, values);
  const page = (extra: string[], from = FROM, order = 'd.created_at, d.id') =>
    `SELECT ${select.columns}, d.created_at AS list_created_at FROM ${from} ${select.joins} ${where([...conditions, ...extra])}
      ORDER BY ${order} LIMIT $1::int`;
  // Each branch's cursor condition is on the columns of the index it walks, and on those alone: a second one on
  // devices' (created, id) gave the planner an estimate from stale statistics (few units created after a recent
  // cursor) and a hash join over every newer unit.
  const afterBound = after && keysetAfter(after, values);
  const keyset = (time: string, id: string) => (afterBound ? [afterBound(time, id)] : []);
  if (scope.organisationId === null) return { text: page(keyset('d.created_at', 'd.id')), values };
  values.push(scope.organisationId);
  const org = `$${values.length}::uuid`;
  const branches = [
    page(
      [`l.custodian_organisation_id = ${org}`, ...keyset('l.device_created_at', 'l.device_id')],
      `lifecycles l JOIN devices d ON d.current_lifecycle_id = l.id`,
      'l.device_created_at, l.device_id',
    ),
    `SELECT brand_page.* FROM organisation_brands ob CROSS JOIN LATERAL (${page([`d.brand = ob.brand`, ...keyset('d.created_at', 'd.id')])}) brand_page WHERE ob.organisation_id = ${org}`,
    page(
      [`hb.customer_organisation_id = ${org}`, ...keyset('hb.device_created_at', 'hb.device_id')],
      `handed_back_units hb JOIN devices d ON d.id = hb.device_id JOIN lifecycles l ON l.id = d.current_lifecycle_id`,
      'hb.device_created_at, hb.device_id',
    ),
  ];
  // A unit two branches select (a customer's unit that its centre holds) comes once.
  return {
    text: `SELECT DISTINCT ON (list_created_at, id) * FROM (${branches.map((b) => `(${b})`).join(' UNION ALL ')}) scoped
      ORDER BY list_created_at, id LIMIT $1::int`,
    values,
  };
}

/** Units the filters and the scope select, for queries that order by something else (certificates, sales): a predicate on `d`. */
export function deviceSelection(filter: DeviceListFilter, scope: ReadScope, values: unknown[]): string[] {
  const conditions = deviceConditions(filter, values);
  if (scope.organisationId === null) return conditions;
  values.push(scope.organisationId);
  const org = `$${values.length}::uuid`;
  return [...conditions, `(${SCOPE_PREDICATES.map((predicate) => predicate(org)).join(' OR ')})`];
}
