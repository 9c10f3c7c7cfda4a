import { afterKeyset, bindParameters, Keyset, timestampToMicros } from '../common/keyset-cursor';
import type { SqlQuery } from '../devices/device-list.query';

export const TAKEBACK_STATUSES = ['open', 'complete'] as const;
export type TakebackStatus = (typeof TAKEBACK_STATUSES)[number];

export interface TakebackListFilter {
  customerId?: string;
  custodianId?: string;
  /** open: a unit on the manifest is not received yet; complete: every one is. */
  status?: TakebackStatus;
  market?: string;
  createdFrom?: string;
  createdTo?: string;
}

const OPEN = `EXISTS (SELECT 1 FROM takeback_items oi WHERE oi.takeback_id = t.id AND oi.on_manifest AND oi.received_at IS NULL)`;

/** One page of takebacks in (created time, id) order: exactly what `GET /takebacks` runs. `null` organisation sees all. */
export function takebackListQuery(
  filter: TakebackListFilter,
  organisationId: string | null,
  after: Keyset | undefined,
  limit: number,
): SqlQuery {
  const { values, param } = bindParameters();
  const conditions: string[] = [];
  if (organisationId !== null) {
    const org = param(organisationId);
    conditions.push(`(t.custodian_organisation_id = ${org} OR t.customer_organisation_id = ${org})`);
  }
  if (after) conditions.push(afterKeyset('t.created_at', 't.id', after, param));
  if (filter.customerId !== undefined) conditions.push(`t.customer_organisation_id = ${param(filter.customerId)}`);
  if (filter.custodianId !== undefined) conditions.push(`t.custodian_organisation_id = ${param(filter.custodianId)}`);
  if (filter.status === 'open') conditions.push(OPEN);
  if (filter.status === 'complete') conditions.push(`NOT ${OPEN}`);
  if (filter.market !== undefined) conditions.push(`t.market = ${param(filter.market)}`);
  if (filter.createdFrom !== undefined) conditions.push(`t.created_at >= ${param(filter.createdFrom)}`);
  if (filter.createdTo !== undefined) conditions.push(`t.created_at < ${param(filter.createdTo)}`);
  values.push(limit);
  return {
    text: `SELECT t.id, t.customer_organisation_id, t.custodian_organisation_id, t.site, t.market, t.programme_id, t.programme_version,
        t.created_at, t.expected_count, ${OPEN} AS open,
        t.received_count, ${timestampToMicros('t.created_at')} AS created_micros
      FROM takebacks t ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY t.created_at, t.id LIMIT $${values.length}`,
    values,
  };
}
