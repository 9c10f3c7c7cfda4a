import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HashedAuditRecord } from '@recert/audit';

/**
 * Units read together: their ids (in id order), and whether they are every unit from the first to the last — a
 * page of the keyset over device ids. Then one index range serves the read; a list of ids is probed one by one,
 * and the planner, misjudging how many entries a list matches, reads ten times the pages it needs.
 */
export interface UnitBatch {
  ids: string[];
  contiguous: boolean;
}

/** The predicate that selects a batch's units by the given column. */
export function unitsIn(column: string, batch: UnitBatch): { sql: string; values: unknown[] } {
  if (batch.contiguous) return { sql: `${column} BETWEEN $1::uuid AND $2::uuid`, values: [batch.ids[0], batch.ids[batch.ids.length - 1]] };
  return { sql: `${column} = ANY($1::uuid[])`, values: [batch.ids] };
}

export interface LifecycleHead {
  id: string;
  number: number;
  lastSeq: number;
  lastHash: string;
  snapshot: unknown;
  state: string;
}

@Injectable()
export class HistoryRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One page of the unit's trail, in order, after a position (lifecycle number, seq). */
  async page(
    deviceId: string,
    after: { number: number; seq: number } | null,
    limit: number,
  ): Promise<Array<HashedAuditRecord & { lifecycleNumber: number }>> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT a.device_id, a.lifecycle_id, a.seq, a.event_type, a.payload, a.from_state, a.to_state, a.actor, a.request_id, a.machine_version,
              a.occurred_at, a.prev_hash, a.hash, a.licence_decision, l.number
         FROM audit_events a JOIN lifecycles l ON l.id = a.lifecycle_id
        WHERE a.device_id = $1 AND ($2::int IS NULL OR (l.number, a.seq) > ($2::int, $3::int))
        ORDER BY l.number, a.seq
        LIMIT $4`,
      [deviceId, after?.number ?? null, after?.seq ?? null, limit],
    );
    return rows.map((r) => ({ ...toRecord(r), lifecycleNumber: r.number as number }));
  }

  /** Entries of one lifecycle after a seq and up to another, in order (the (lifecycle, seq) key serves it). */
  async lifecyclePage(lifecycleId: string, afterSeq: number, upToSeq: number, limit: number): Promise<HashedAuditRecord[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM audit_events a WHERE a.lifecycle_id = $1 AND a.seq > $2 AND a.seq <= $3 ORDER BY a.seq LIMIT $4`,
      [lifecycleId, afterSeq, upToSeq, limit],
    );
    return rows.map(toRecord);
  }

  /** One entry, by lifecycle and seq (the one a checkpoint or a certificate names). */
  async entryAt(lifecycleId: string, seq: number): Promise<HashedAuditRecord | undefined> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM audit_events a WHERE a.lifecycle_id = $1 AND a.seq = $2`,
      [lifecycleId, seq],
    );
    return rows.map(toRecord)[0];
  }

  /** A medium's sanitization entries of one lifecycle up to a seq: what its certificate rests on (a partial index serves it). */
  async mediumEntries(lifecycleId: string, mediumSerial: string, upToSeq: number): Promise<HashedAuditRecord[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM audit_events a
        WHERE a.lifecycle_id = $1 AND a.event_type IN (${MEDIUM_EVENT_TYPES.map((t) => `'${t}'`).join(', ')})
          AND a.payload->>'mediumSerial' = $2 AND a.seq <= $3
        ORDER BY a.seq`,
      [lifecycleId, mediumSerial, upToSeq],
    );
    return rows.map(toRecord);
  }

  async lifecycles(deviceId: string): Promise<LifecycleHead[]> {
    return (await this.lifecyclesOf({ ids: [deviceId], contiguous: true })).get(deviceId) ?? [];
  }

  /** The lifecycle heads of many units, in number order per unit (the (device, number) key serves it). */
  async lifecyclesOf(batch: UnitBatch): Promise<Map<string, LifecycleHead[]>> {
    if (batch.ids.length === 0) return new Map();
    const { sql, values } = unitsIn('device_id', batch);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT device_id, id, number, last_seq, last_hash, snapshot, state FROM lifecycles WHERE ${sql} ORDER BY device_id, number`,
      values,
    );
    return groupBy(rows, toHead);
  }

  /** Every entry of many units, in no particular order (the caller orders each trail by its heads). */
  async entriesOf(batch: UnitBatch): Promise<Map<string, HashedAuditRecord[]>> {
    if (batch.ids.length === 0) return new Map();
    const { sql, values } = unitsIn('a.device_id', batch);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${RECORD_COLUMNS} FROM audit_events a WHERE ${sql}`,
      values,
    );
    return groupBy(rows, toRecord);
  }

  /** Device ids in pages, for verifying every unit. */
  async deviceIds(after: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM devices WHERE ($1::uuid IS NULL OR id > $1) ORDER BY id LIMIT $2`,
      [after, limit],
    );
    return rows.map((r) => r.id);
  }
}

/** The entries a medium's certificate is built from (the partial index audit_events_medium_idx covers exactly these). */
export const MEDIUM_EVENT_TYPES = ['SANITIZE', 'VALIDATE_SANITIZATION', 'DESTROY_MEDIA'] as const;

export const RECORD_COLUMNS = `a.device_id, a.lifecycle_id, a.seq, a.event_type, a.payload, a.from_state, a.to_state, a.actor, a.request_id,
  a.machine_version, a.occurred_at, a.prev_hash, a.hash, a.licence_decision`;

const toHead = (r: Record<string, unknown>): LifecycleHead => ({
  id: r.id as string,
  number: r.number as number,
  lastSeq: r.last_seq as number,
  lastHash: r.last_hash as string,
  snapshot: r.snapshot,
  state: r.state as string,
});

/** Rows of many units, mapped and grouped by their `device_id`, in the order read. */
function groupBy<T>(rows: Array<Record<string, unknown>>, map: (r: Record<string, unknown>) => T): Map<string, T[]> {
  const byDevice = new Map<string, T[]>();
  for (const row of rows) {
    const deviceId = row.device_id as string;
    const list = byDevice.get(deviceId);
    if (list) list.push(map(row));
    else byDevice.set(deviceId, [map(row)]);
  }
  return byDevice;
}

export const toRecord = (r: Record<string, unknown>): HashedAuditRecord => ({
  deviceId: r.device_id as string,
  lifecycleId: r.lifecycle_id as string,
  seq: r.seq as number,
  eventType: r.event_type as string,
  payload: r.payload as Record<string, unknown>,
  fromState: r.from_state as string | null,
  toState: r.to_state as string,
  actor: r.actor as Record<string, unknown> | null,
  requestId: r.request_id as string | null,
  machineVersion: r.machine_version as string,
  occurredAt: (r.occurred_at as Date).toISOString(),
  prevHash: r.prev_hash as string | null,
  hash: r.hash as string,
  licenceDecision: r.licence_decision as Record<string, unknown> | null,
});
