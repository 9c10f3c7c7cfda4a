import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditCheckpoint, HashedAuditRecord } from '@recert/audit';
import { RECORD_COLUMNS, toRecord, UnitBatch, unitsIn } from './history.repository';

export interface StoredCheckpoint {
  checkpoint: AuditCheckpoint;
  digest: string;
}

/** The per-unit checkpoints of verified trail (one row per unit, moved forward by each successful run). */
@Injectable()
export class CheckpointRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(deviceId: string): Promise<StoredCheckpoint | undefined> {
    return (await this.findMany({ ids: [deviceId], contiguous: true })).get(deviceId);
  }

  async findMany(batch: UnitBatch): Promise<Map<string, StoredCheckpoint>> {
    if (batch.ids.length === 0) return new Map();
    const { sql, values } = unitsIn('device_id', batch);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT ${COLUMNS.join(', ')} FROM audit_checkpoints WHERE ${sql}`,
      values,
    );
    return new Map(rows.map((r) => [r.device_id as string, toStoredCheckpoint(r, r.snapshot)]));
  }

  /**
   * Of these units, those whose trail has not moved since their checkpoint (the head is the checkpoint, no later
   * lifecycle), each with the entry the checkpoint pins and the stored snapshot, for the caller to check in memory.
   */
  async unmoved(batch: UnitBatch): Promise<Array<StoredCheckpoint & { pinned: HashedAuditRecord; snapshot: unknown }>> {
    if (batch.ids.length === 0) return [];
    const { sql, values } = unitsIn('c.device_id', batch);
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT c.device_id, c.lifecycle_id, c.lifecycle_number, c.seq, c.hash, c.entries, c.snapshot AS checkpoint_snapshot, c.verified_at, c.digest,
              l.snapshot AS stored_snapshot, ${RECORD_COLUMNS}
         FROM audit_checkpoints c
         JOIN lifecycles l ON l.id = c.lifecycle_id AND l.device_id = c.device_id AND l.last_seq = c.seq AND l.last_hash = c.hash
         JOIN audit_events a ON a.lifecycle_id = c.lifecycle_id AND a.seq = c.seq
        WHERE ${sql}
          AND NOT EXISTS (SELECT 1 FROM lifecycles later WHERE later.device_id = c.device_id AND later.number > c.lifecycle_number)`,
      values,
    );
    return rows.map((r) => ({ ...toStoredCheckpoint(r, r.checkpoint_snapshot), pinned: toRecord(r), snapshot: r.stored_snapshot }));
  }

  /** Records a verified position. Only forward (a run that verified less never moves it back), unless a full run says so. */
  async save(stored: StoredCheckpoint, options: { replace: boolean }): Promise<void> {
    await this.saveMany([{ stored, replace: options.replace }]);
  }

  /** Many positions at once (a batch run's): one statement for those that may replace, one for those that only move forward. */
  async saveMany(saves: Array<{ stored: StoredCheckpoint; replace: boolean }>): Promise<void> {
    for (const replace of [false, true]) {
      const rows = saves.filter((s) => s.replace === replace).map(({ stored: { checkpoint: c, digest } }) => toRow(c, digest));
      if (rows.length === 0) continue;
      await this.dataSource.query(
        `INSERT INTO audit_checkpoints (${COLUMNS.join(', ')})
         SELECT ${COLUMNS.join(', ')} FROM jsonb_to_recordset($1::jsonb) AS r(device_id uuid, lifecycle_id uuid, lifecycle_number int,
           seq int, hash char(64), entries int, snapshot jsonb, verified_at timestamptz, digest char(64))
         ON CONFLICT (device_id) DO UPDATE SET lifecycle_id = EXCLUDED.lifecycle_id, lifecycle_number = EXCLUDED.lifecycle_number,
           seq = EXCLUDED.seq, hash = EXCLUDED.hash, entries = EXCLUDED.entries, snapshot = EXCLUDED.snapshot,
           verified_at = EXCLUDED.verified_at, digest = EXCLUDED.digest
         ${replace ? '' : 'WHERE audit_checkpoints.entries <= EXCLUDED.entries'}`,
        [JSON.stringify(rows)],
      );
    }
  }
}

const COLUMNS = ['device_id', 'lifecycle_id', 'lifecycle_number', 'seq', 'hash', 'entries', 'snapshot', 'verified_at', 'digest'];

const toRow = (c: AuditCheckpoint, digest: string) => ({
  device_id: c.deviceId,
  lifecycle_id: c.lifecycleId,
  lifecycle_number: c.lifecycleNumber,
  seq: c.seq,
  hash: c.hash,
  entries: c.entries,
  snapshot: c.snapshot,
  verified_at: c.verifiedAt,
  digest,
});

/** An `audit_checkpoints` row as read; `snapshot` is passed because a join renames the column. */
function toStoredCheckpoint(r: Record<string, unknown>, snapshot: unknown): StoredCheckpoint {
  return {
    checkpoint: {
      deviceId: r.device_id as string,
      lifecycleId: r.lifecycle_id as string,
      lifecycleNumber: r.lifecycle_number as number,
      seq: r.seq as number,
      hash: r.hash as string,
      entries: r.entries as number,
      snapshot,
      verifiedAt: (r.verified_at as Date).toISOString(),
    },
    digest: r.digest as string,
  };
}
