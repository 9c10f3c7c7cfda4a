import type { Row } from './export.repository';

/** One exported field: its name (CSV header, JSON key) and how it is read from a row. */
export type Column = [name: string, read: (row: Row) => unknown];

const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null));
const field = (name: string, column = name): Column => [name, (row) => row[column] ?? null];
const time = (name: string, column: string): Column => [name, (row) => iso(row[column])];

export const UNIT_COLUMNS: Column[] = [
  field('deviceId', 'id'),
  field('brand'),
  field('serial'),
  field('model'),
  field('deviceClass', 'device_class'),
  field('assetTag', 'asset_tag'),
  field('state'),
  field('grade'),
  field('certified'),
  field('programme'),
  field('custodianOrganisationId', 'custodian_organisation_id'),
  field('site'),
  time('createdAt', 'created_at'),
  time('updatedAt', 'updated_at'),
  field('orderReference', 'order_reference'),
  field('buyer'),
  field('saleMarket', 'sale_market'),
  field('soldAt', 'sold_at'),
  field('warrantyEndsAt', 'warranty_ends_at'),
];

export const CERTIFICATE_COLUMNS: Column[] = [
  field('certificateId', 'id'),
  field('deviceId', 'device_id'),
  field('brand'),
  field('serial'),
  field('lifecycleId', 'lifecycle_id'),
  field('mediumSerial', 'medium_serial'),
  field('event', 'event_type'),
  field('method'),
  field('level'),
  field('auditSeq', 'audit_seq'),
  field('auditHash', 'audit_hash'),
  time('issuedAt', 'issued_at'),
];

export const SALE_COLUMNS: Column[] = [
  field('deviceId', 'device_id'),
  field('brand'),
  field('serial'),
  field('model'),
  field('lifecycleId', 'lifecycle_id'),
  field('orderReference', 'order_reference'),
  field('buyer'),
  field('market'),
  field('soldAt', 'sold_at'),
  time('recordedAt', 'recorded_at'),
  ['warrantyMonths', (row) => (row.warranty_months === null || row.warranty_months === undefined ? null : Number(row.warranty_months))],
  field('warrantyEndsAt', 'warranty_ends_at'),
];

export const recordOf = (columns: Column[], row: Row): Record<string, unknown> =>
  Object.fromEntries(columns.map(([name, read]) => [name, read(row)]));
