import { DomainError, DomainErrorCode } from './domain-error';

/**
 * An opaque keyset cursor: the sort key (a time in microseconds since the epoch, as PostgreSQL stores it, and an
 * id) of the last row of a page. Microseconds, not a JS Date, so rows created in the same millisecond keep their order.
 */
export interface Keyset {
  micros: string;
  id: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const encodeCursor = (key: Keyset): string => Buffer.from(`${key.micros}:${key.id}`).toString('base64url');

/** 400 for anything this service did not hand out. */
export function decodeCursor(cursor: string): Keyset {
  const [micros, id, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split(':');
  if (rest.length > 0 || !/^-?\d{1,19}$/.test(micros ?? '') || !UUID.test(id ?? ''))
    throw new DomainError(DomainErrorCode.InvalidInput, 'cursor is not a cursor this service handed out', {
      errors: [{ path: 'query.cursor', messages: ['pass the nextCursor of the previous page unchanged'] }],
    });
  return { micros, id };
}

/** SQL for a microsecond count bound as a parameter, exactly (no floating point on the way). */
export const microsToTimestamp = (param: string) => `('epoch'::timestamptz + ${param}::bigint * interval '1 microsecond')`;
/** SQL reading a timestamp as microseconds since the epoch (text, so JS never rounds it). */
export const timestampToMicros = (column: string) => `(extract(epoch FROM ${column}) * 1000000)::bigint::text`;

/** A page query's bind parameters: `param(v)` appends v and answers its placeholder (`$1`, `$2`, …). */
export function bindParameters(): { values: unknown[]; param: (value: unknown) => string } {
  const values: unknown[] = [];
  return {
    values,
    param: (value) => {
      values.push(value);
      return `$${values.length}`;
    },
  };
}

/** `(created, id) > cursor`: the keyset condition of a list ordered by (a timestamp column, id). */
export function afterKeyset(timestampColumn: string, idColumn: string, after: Keyset, param: (value: unknown) => string): string {
  return `(${timestampColumn}, ${idColumn}) > (${microsToTimestamp(param(after.micros))}, ${param(after.id)}::uuid)`;
}
