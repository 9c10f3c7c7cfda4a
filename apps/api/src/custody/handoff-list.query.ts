import { afterKeyset, bindParameters, Keyset, timestampToMicros } from '../common/keyset-cursor';
import type { SqlQuery } from '../devices/device-list.query';

export const HANDOFF_STATUSES = ['requested', 'confirmed'] as const;

export interface HandoffListFilter {
  status?: string;
  deviceId?: string;
  /** Hand-offs to this organisation (the ones it has to confirm, with status=requested). */
  toOrganisationId?: string;
  fromOrganisationId?: string;
}

export const HANDOFF_COLUMNS = `h.id, h.device_id AS "deviceId", h.lifecycle_id AS "lifecycleId", h.from_organisation_id AS "fromOrganisationId",
  h.to_organisation_id AS "toOrganisationId", h.to_site AS "toSite", h.status, h.requested_by_user_id AS "requestedByUserId",
  h.requested_at AS "requestedAt", h.confirmed_by_user_id AS "confirmedByUserId", h.confirmed_at AS "confirmedAt",
  h.transport_leg AS "transport", ${timestampToMicros('h.requested_at')} AS "requestedMicros"`;

/** One page of hand-offs in (request time, id) order: exactly what `GET /handoffs` runs. `null` organisation sees all. */
export function handoffListQuery(
  filter: HandoffListFilter,
  organisationId: string | null,
  after: Keyset | undefined,
  limit: number,
): SqlQuery {
  const { values, param } = bindParameters();
  const conditions: string[] = [];
  if (organisationId !== null) {
    const org = param(organisationId);
    conditions.push(`(h.from_organisation_id = ${org} OR h.to_organisation_id = ${org})`);
  }
  if (after) conditions.push(afterKeyset('h.requested_at', 'h.id', after, param));
  if (filter.status !== undefined) conditions.push(`h.status = ${param(filter.status)}`);
  if (filter.deviceId !== undefined) conditions.push(`h.device_id = ${param(filter.deviceId)}`);
  if (filter.toOrganisationId !== undefined) conditions.push(`h.to_organisation_id = ${param(filter.toOrganisationId)}`);
  if (filter.fromOrganisationId !== undefined) conditions.push(`h.from_organisation_id = ${param(filter.fromOrganisationId)}`);
  values.push(limit);
  return {
    text: `SELECT ${HANDOFF_COLUMNS} FROM custody_handoffs h ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY h.requested_at, h.id LIMIT $${values.length}`,
    values,
  };
}
