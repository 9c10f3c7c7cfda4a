import type { Keyset } from '../common/keyset-cursor';
import { microsToTimestamp, timestampToMicros } from '../common/keyset-cursor';
import { deviceListQuery, deviceSelection, GRADE_SQL } from '../devices/device-list.query';
import type { DeviceListFilter, ReadScope, SqlQuery } from '../devices/device-list.query';

/** The unit's latest sale in its current lifecycle (served by the partial index audit_events_sale_lifecycle_idx). */
const SALE = `LEFT JOIN LATERAL (SELECT a.payload, a.occurred_at FROM audit_events a
    WHERE a.lifecycle_id = l.id AND a.event_type = 'SELL' ORDER BY a.id DESC LIMIT 1) sale ON true`;

const UNIT_COLUMNS = `d.id, d.brand, d.serial, d.model, d.device_class, d.asset_tag, l.state, ${GRADE_SQL} AS grade,
  (l.snapshot #>> '{context,certified}') = 'true' AS certified, l.snapshot #>> '{context,programme}' AS programme,
  l.custodian_organisation_id, l.site, d.created_at, l.updated_at,
  sale.payload ->> 'orderReference' AS order_reference, sale.payload ->> 'buyer' AS buyer, sale.payload ->> 'market' AS sale_market,
  COALESCE(sale.payload #>> '{warranty,startsAt}', sale.payload ->> 'soldAt') AS sold_at, sale.payload #>> '{warranty,endsAt}' AS warranty_ends_at,
  ${timestampToMicros('d.created_at')} AS created_micros`;

/** A batch of the unit export: the list's own query (same filters, order and indexes) with the export's columns. */
export const unitExportQuery = (filter: DeviceListFilter, scope: ReadScope, after: Keyset | undefined, limit: number): SqlQuery =>
  deviceListQuery(filter, scope, after, limit, { columns: UNIT_COLUMNS, joins: SALE });

/** A batch of sanitization certificates of the units the filters select, in (issue time, id) order. */
export function certificateExportQuery(filter: DeviceListFilter, scope: ReadScope, after: Keyset | undefined, limit: number): SqlQuery {
  const values: unknown[] = [];
  const conditions = deviceSelection(filter, scope, values);
  if (after) {
    values.push(after.micros, after.id);
    conditions.push(`(c.issued_at, c.id) > (${microsToTimestamp(`$${values.length - 1}`)}, $${values.length}::uuid)`);
  }
  values.push(limit);
  return {
    text: `SELECT c.id, c.device_id, d.brand, d.serial, c.lifecycle_id, c.medium_serial, a.event_type, a.payload ->> 'method' AS method,
        a.payload ->> 'level' AS level, c.audit_seq, c.audit_hash, c.issued_at, ${timestampToMicros('c.issued_at')} AS issued_micros
      FROM sanitization_certificates c JOIN devices d ON d.id = c.device_id JOIN lifecycles l ON l.id = d.current_lifecycle_id
      JOIN audit_events a ON a.lifecycle_id = c.lifecycle_id AND a.seq = c.audit_seq
      ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}
      ORDER BY c.issued_at, c.id LIMIT $${values.length}`,
    values,
  };
}

/** A batch of SELL entries of the units the filters select, in the trail's order (entry id, after `afterId`). */
export function salesExportQuery(filter: DeviceListFilter, scope: ReadScope, afterId: string | undefined, limit: number): SqlQuery {
  const values: unknown[] = [];
  const conditions = [`a.event_type = 'SELL'`, ...deviceSelection(filter, scope, values)];
  if (afterId !== undefined) {
    values.push(afterId);
    conditions.push(`a.id > $${values.length}::bigint`);
  }
  values.push(limit);
  return {
    text: `SELECT a.id::text AS entry_id, a.device_id, d.brand, d.serial, d.model, a.lifecycle_id, a.payload ->> 'orderReference' AS order_reference,
        a.payload ->> 'buyer' AS buyer, a.payload ->> 'market' AS market, COALESCE(a.payload #>> '{warranty,startsAt}', a.payload ->> 'soldAt') AS sold_at, a.occurred_at AS recorded_at,
        a.payload #>> '{warranty,months}' AS warranty_months, a.payload #>> '{warranty,endsAt}' AS warranty_ends_at
      FROM audit_events a JOIN devices d ON d.id = a.device_id JOIN lifecycles l ON l.id = d.current_lifecycle_id
      WHERE ${conditions.join(' AND ')}
      ORDER BY a.id LIMIT $${values.length}`,
    values,
  };
}
