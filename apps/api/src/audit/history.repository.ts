import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { HashedAuditRecord } from '@recert/audit';

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
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT id, number, last_seq, last_hash, snapshot, state FROM lifecycles WHERE device_id = $1 ORDER BY number`,
      [deviceId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      number: r.number as number,
      lastSeq: r.last_seq as number,
      lastHash: r.last_hash as string,
      snapshot: r.snapshot,
      state: r.state as string,
    }));
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
