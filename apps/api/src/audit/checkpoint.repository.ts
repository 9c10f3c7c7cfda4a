import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuditCheckpoint, HashedAuditRecord } from '@recert/audit';
import { RECORD_COLUMNS, toRecord } from './history.repository';

export interface StoredCheckpoint {
  checkpoint: AuditCheckpoint;
  digest: string;
}

/** The per-unit checkpoints of verified trail (one row per unit, moved forward by each successful run). */
@Injectable()
export class CheckpointRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(deviceId: string): Promise<StoredCheckpoint | undefined> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT device_id, lifecycle_id, lifecycle_number, seq, hash, entries, snapshot, verified_at, digest FROM audit_checkpoints WHERE device_id = $1`,
      [deviceId],
    );
    return rows.map((r) => toStoredCheckpoint(r, r.snapshot))[0];
  }

  /**
   * Of these units, those whose trail has not moved since their checkpoint (the head is the checkpoint, no later
   * lifecycle), each with the entry the checkpoint pins and the stored snapshot, for the caller to check in memory.
   */
  async unmoved(deviceIds: string[]): Promise<Array<StoredCheckpoint & { pinned: HashedAuditRecord; snapshot: unknown }>> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT c.device_id, c.lifecycle_id, c.lifecycle_number, c.seq, c.hash, c.entries, c.snapshot AS checkpoint_snapshot, c.verified_at, c.digest,
              l.snapshot AS stored_snapshot, ${RECORD_COLUMNS}
         FROM audit_checkpoints c
         JOIN lifecycles l ON l.id = c.lifecycle_id AND l.device_id = c.device_id AND l.last_seq = c.seq AND l.last_hash = c.hash
         JOIN audit_events a ON a.lifecycle_id = c.lifecycle_id AND a.seq = c.seq
        WHERE c.device_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM lifecycles later WHERE later.device_id = c.device_id AND later.number > c.lifecycle_number)`,
      [deviceIds],
    );
    return rows.map((r) => ({ ...toStoredCheckpoint(r, r.checkpoint_snapshot), pinned: toRecord(r), snapshot: r.stored_snapshot }));
  }

  /** Records a verified position. Only forward (a run that verified less never moves it back), unless a full run says so. */
  async save({ checkpoint: c, digest }: StoredCheckpoint, options: { replace: boolean }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO audit_checkpoints (device_id, lifecycle_id, lifecycle_number, seq, hash, entries, snapshot, verified_at, digest)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (device_id) DO UPDATE SET lifecycle_id = EXCLUDED.lifecycle_id, lifecycle_number = EXCLUDED.lifecycle_number,
         seq = EXCLUDED.seq, hash = EXCLUDED.hash, entries = EXCLUDED.entries, snapshot = EXCLUDED.snapshot,
         verified_at = EXCLUDED.verified_at, digest = EXCLUDED.digest
       WHERE $10 OR audit_checkpoints.entries <= EXCLUDED.entries`,
      [
        c.deviceId,
        c.lifecycleId,
        c.lifecycleNumber,
        c.seq,
        c.hash,
        c.entries,
        JSON.stringify(c.snapshot),
        c.verifiedAt,
        digest,
        options.replace,
      ],
    );
  }
}

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
