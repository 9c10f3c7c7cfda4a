import type { HashedAuditRecord } from '@recert/audit';

/**
 * The columns of `audit_events` and one record's values in their order: the single definition every statement
 * that appends to the trail uses (bulk intake, a command's entry, a lifecycle's first entry).
 */
export const AUDIT_COLUMNS = [
  'device_id',
  'lifecycle_id',
  'seq',
  'event_type',
  'payload',
  'from_state',
  'to_state',
  'actor',
  'request_id',
  'machine_version',
  'occurred_at',
  'prev_hash',
  'hash',
  'licence_decision',
] as const;

/** The type of each column's array in an `unnest(...)` of many records. */
export const AUDIT_ARRAY_TYPES = [
  'uuid[]',
  'uuid[]',
  'int[]',
  'text[]',
  'jsonb[]',
  'text[]',
  'text[]',
  'jsonb[]',
  'text[]',
  'text[]',
  'timestamptz[]',
  'text[]',
  'text[]',
  'jsonb[]',
] as const;

export function auditValues(r: HashedAuditRecord): unknown[] {
  return [
    r.deviceId,
    r.lifecycleId,
    r.seq,
    r.eventType,
    JSON.stringify(r.payload),
    r.fromState,
    r.toState,
    JSON.stringify(r.actor),
    r.requestId,
    r.machineVersion,
    r.occurredAt,
    r.prevHash,
    r.hash,
    r.licenceDecision ? JSON.stringify(r.licenceDecision) : null,
  ];
}

/** Column-wise arrays of many records, for `unnest`, with placeholders starting at `$first`. */
export function auditArrays(records: HashedAuditRecord[], first = 1): { values: unknown[][]; placeholders: string } {
  const rows = records.map(auditValues);
  const values = AUDIT_COLUMNS.map((_, column) => rows.map((row) => row[column]));
  const placeholders = AUDIT_ARRAY_TYPES.map((type, i) => `$${first + i}::${type}`).join(', ');
  return { values, placeholders };
}
